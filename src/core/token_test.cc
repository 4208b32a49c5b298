#include "core/token.h"

#include "core/system_error.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <set>

namespace kartla {
namespace {

TEST(TokenTest, TokensAreUrlSafeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string token = NewToken();
    ASSERT_EQ(token.size(), 22u);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
                                      "nopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenTest, HashIsStableAndHex) {
  std::string h = HashToken("abc");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, HashToken("abc"));
  EXPECT_NE(h, HashToken("abd"));
  EXPECT_TRUE(SecretsEqual(h, HashToken("abc")));
  EXPECT_FALSE(SecretsEqual(h, HashToken("abd")));
  EXPECT_FALSE(SecretsEqual("a", "ab"));
}

TEST(TokenTest, PasswordsVerify) {
  std::string hash = HashPassword("correct horse");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("correct horse", hash));
  EXPECT_FALSE(VerifyPassword("wrong horse", hash));
}

TEST(TokenTest, DerivedTokensDependOnKeyAndNonce) {
  std::string key(32, 'k');
  std::string token = DeriveToken(key, "nonce-1");
  EXPECT_EQ(token.size(), 22u);
  EXPECT_EQ(token, DeriveToken(key, "nonce-1"));
  EXPECT_NE(token, DeriveToken(key, "nonce-2"));
  EXPECT_NE(token, DeriveToken(std::string(32, 'j'), "nonce-1"));
}

TEST(TokenTest, MakesAKeyFileReadableByItsOwnerOnlyAndReadsItBack) {
  auto path = std::filesystem::temp_directory_path() /
              ("kartla-key-test-" + NewToken());
  std::string key = LoadOrCreateKey(path.string());
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(LoadOrCreateKey(path.string()), key);
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::filesystem::resize_file(path, 5);
  EXPECT_THROW(LoadOrCreateKey(path.string()), SystemError);
  std::filesystem::remove(path);
}

TEST(TokenTest, Sha256AsSha256sumPrintsIt) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace kartla
