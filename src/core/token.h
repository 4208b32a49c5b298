// Secrets: the unguessable tokens in respondents' personal links, the hashes
// under which they are stored, and staff passwords. All through libsodium.
//
// Every function here is thread-safe.

#ifndef KARTLA_CORE_TOKEN_H_
#define KARTLA_CORE_TOKEN_H_

#include <string>
#include <string_view>

namespace kartla {

// Returns a new token of 128 random bits from the operating system's secure
// source, as 22 characters of URL-safe base64 without padding.
std::string NewToken();

// Returns a link token derived from `nonce` under the secret `key` (keyed
// BLAKE2b, 128 bits, as 22 characters of URL-safe base64): the token of a
// mailed link, which the outbox recomputes when it sends and never stores.
// Without the key the nonce tells nothing of the token.
std::string DeriveToken(std::string_view key, std::string_view nonce);

// The 32-byte secret key kept in the file at `path`, made (readable by its
// owner only) if the file does not exist. Throws SystemError if the file
// cannot be read or made, or does not hold a key.
std::string LoadOrCreateKey(const std::string& path);

// Returns the hash under which a token is stored: BLAKE2b-256 of the token,
// in 64 lower-case hex digits. The token itself is never stored.
std::string HashToken(std::string_view token);

// Returns BLAKE2b-256 of `content` in 64 lower-case hex digits: the content
// hash of a stored form version, a release and the like.
std::string HashContent(std::string_view content);

// Returns SHA-256 of `content` in 64 lower-case hex digits: a release's
// manifest lists every file's, as sha256sum would print it.
std::string Sha256Hex(std::string_view content);

// Compares two equally long secrets in time that does not depend on where
// they differ. Returns false at once if their lengths differ.
bool SecretsEqual(std::string_view a, std::string_view b);

// Hashes a password with argon2id at libsodium's interactive limits. The
// result is self-describing (salt and parameters included).
std::string HashPassword(std::string_view password);

// True if `password` matches `hash`, as written by HashPassword.
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace kartla

#endif  // KARTLA_CORE_TOKEN_H_
