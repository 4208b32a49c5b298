#include "core/token.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kartla
