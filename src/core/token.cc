#include "core/token.h"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mutex>

#include "core/files.h"
#include "core/system_error.h"

namespace kartla {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw SystemError("libsodium failed to initialise");
  });
}

std::string Base64Url(const unsigned char* bytes, size_t size) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

}  // namespace

std::string NewToken() {
  EnsureSodium();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return Base64Url(bytes, sizeof bytes);
}

std::string DeriveToken(std::string_view key, std::string_view nonce) {
  EnsureSodium();
  unsigned char bytes[16];
  crypto_generichash(bytes, sizeof bytes,
                     reinterpret_cast<const unsigned char*>(nonce.data()),
                     nonce.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     key.size());
  return Base64Url(bytes, sizeof bytes);
}

std::string LoadOrCreateKey(const std::string& path) {
  EnsureSodium();
  constexpr size_t kKeySize = crypto_generichash_KEYBYTES;
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    unsigned char key[kKeySize];
    randombytes_buf(key, sizeof key);
    bool written = write(fd, key, sizeof key) == ssize_t(sizeof key) && fsync(fd) == 0;
    close(fd);
    if (!written) throw SystemError("cannot write the key file " + path);
  } else if (errno != EEXIST) {
    throw SystemError("cannot make the key file " + path);
  }
  std::optional<std::string> read = ReadFileBytes(path);
  std::string key = read.value_or("");
  if (!read || key.size() != kKeySize) {
    throw SystemError("the key file " + path + " does not hold a key");
  }
  return key;
}

std::string HashToken(std::string_view token) { return HashContent(token); }

std::string HashContent(std::string_view token) {
  EnsureSodium();
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash,
                     reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::string hex(sizeof hash * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash, sizeof hash);
  hex.pop_back();
  return hex;
}

std::string Sha256Hex(std::string_view content) {
  EnsureSodium();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  std::string hex(sizeof hash * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash, sizeof hash);
  hex.pop_back();
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw SystemError("out of memory while hashing a password");
  }
  return hash;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

}  // namespace kartla
