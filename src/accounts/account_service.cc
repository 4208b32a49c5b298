#include "accounts/account_service.h"

#include <fmt/format.h>

#include "core/token.h"

namespace kartla::accounts {
namespace {

constexpr char kSignInRefused[] =
    "The name or password is wrong, or there have been too many attempts; "
    "try again later.";

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// The password rule; nullopt if `password` keeps it.
std::optional<Status> WeakPassword(const std::string& password) {
  if (password.size() >= kMinPasswordLength) return std::nullopt;
  return Status::InvalidInput(
      fmt::format("the password is shorter than {} characters", kMinPasswordLength));
}

// A hash to verify against when the account does not exist, so that an
// unknown name costs as much time as a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("kartla decoy password");
  return hash;
}

}  // namespace

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kAdministrator: return "administrator";
    case Role::kAnalyst: return "analyst";
    case Role::kCoordinator: return "coordinator";
  }
  return "analyst";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (Role role : {Role::kAdministrator, Role::kAnalyst, Role::kCoordinator}) {
    if (RoleCode(role) == code) return role;
  }
  return std::nullopt;
}

Result<User> AccountService::AddUser(const NewUser& request, const std::string& by) {
  if (!ValidName(request.name)) {
    return Status::InvalidInput(fmt::format(
        "the name \"{}\" is not 1 to 64 of the characters a-z 0-9 . _ @ -",
        request.name));
  }
  if (auto weak = WeakPassword(request.password)) return *weak;
  bool coordinator = request.role == Role::kCoordinator;
  if (coordinator && request.organisation_code.empty()) {
    return Status::InvalidInput("a coordinator needs an organisation (--org)");
  }
  if (!coordinator && !request.organisation_code.empty()) {
    return Status::InvalidInput("only a coordinator belongs to one organisation");
  }
  if (coordinator) {
    auto registry = LoadLatestVersion(registry_);
    if (!registry || registry->Find(request.organisation_code) == nullptr) {
      return Status::InvalidInput(fmt::format(
          "there is no organisation {} in the registry", request.organisation_code));
    }
  }
  User user;
  user.name = request.name;
  user.password_hash = HashPassword(request.password);
  user.role = request.role;
  user.organisation_code = request.organisation_code;
  user.language = request.language;
  user.created_at = clock_.Now();
  if (!store_.CreateUser(user)) {
    return Status::AlreadyExists(fmt::format("there is a user {} already", user.name));
  }
  Audit(by, "user.add", "user " + user.name,
        std::string(RoleCode(user.role)) +
            (coordinator ? " of " + user.organisation_code : ""));
  return user;
}

Status AccountService::ChangePassword(const std::string& name,
                                      const std::string& password,
                                      const std::string& by) {
  auto user = store_.FindUser(name);
  if (!user) return Status::NotFound(fmt::format("there is no user {}", name));
  if (auto weak = WeakPassword(password)) return *weak;
  store_.SetPassword(user->id, HashPassword(password));
  store_.DeleteSessionsOf(user->id);
  Audit(by, "user.password", "user " + name);
  return Status::Ok();
}

Result<SignedIn> AccountService::SignIn(const std::string& name,
                                        const std::string& password,
                                        const std::string& address) {
  TimePoint now = clock_.Now();
  TimePoint since = now - limits_.window;
  std::string account_key = "account:" + name;
  std::string address_key = "address:" + address;
  bool throttled = store_.CountFailures(account_key, since) >= limits_.per_account ||
                   store_.CountFailures(address_key, since) >= limits_.per_address;
  auto user = store_.FindUser(name);
  // Verify even when the answer is known, so that timing tells nothing.
  bool matches = VerifyPassword(password, user ? user->password_hash : DecoyHash());
  if (throttled || !user || !matches) {
    store_.RecordFailure(account_key, now);
    store_.RecordFailure(address_key, now);
    return Status::PermissionDenied(kSignInRefused);
  }
  store_.ClearFailures(account_key);
  SignedIn signed_in;
  signed_in.user = *user;
  signed_in.session_id = NewToken();
  signed_in.session.id_hash = HashToken(signed_in.session_id);
  signed_in.session.user_id = user->id;
  signed_in.session.csrf_token = NewToken();
  signed_in.session.created_at = now;
  signed_in.session.expires_at = now + limits_.session_lifetime;
  store_.CreateSession(signed_in.session);
  Audit(name, "session.sign_in", "user " + name);
  return signed_in;
}

std::optional<AccountStore::LiveSession> AccountService::FindSession(
    const std::string& session_id) {
  if (session_id.empty()) return std::nullopt;
  return store_.FindSession(HashToken(session_id), clock_.Now());
}

void AccountService::SignOut(const std::string& session_id) {
  store_.DeleteSession(HashToken(session_id));
}

void AccountService::Audit(const std::string& by, const std::string& action,
                           const std::string& object, const std::string& detail) {
  AuditEntry entry;
  entry.at = clock_.Now();
  entry.user_name = by;
  entry.action = action;
  entry.object = object;
  entry.detail = detail;
  store_.Audit(entry);
}

}  // namespace kartla::accounts
