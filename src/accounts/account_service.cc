#include "accounts/account_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

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
             fmt::format("the password is shorter than {} characters", kMinPasswordLength))
      .Keyed("password_short", {std::to_string(kMinPasswordLength)});
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

std::optional<Status> AccountService::CheckRole(Role role,
                                               const std::string& organisation_code) {
  bool coordinator = role == Role::kCoordinator;
  if (coordinator && organisation_code.empty()) {
    return Status::InvalidInput("a coordinator needs an organisation (--org)")
        .Keyed("coordinator_needs_organisation");
  }
  if (!coordinator && !organisation_code.empty()) {
    return Status::InvalidInput("only a coordinator belongs to one organisation")
        .Keyed("only_coordinator_organisation");
  }
  if (coordinator) {
    auto registry = LoadLatestVersion(registry_);
    if (!registry || registry->Find(organisation_code) == nullptr) {
      return Status::InvalidInput(
                 fmt::format("there is no organisation {} in the registry", organisation_code))
          .Keyed("no_organisation", {organisation_code});
    }
  }
  return std::nullopt;
}

Status AccountService::SetRole(const std::string& name, Role role,
                               const std::string& organisation_code, const std::string& by) {
  auto user = store_.FindUser(name);
  if (!user) return Status::NotFound(fmt::format("there is no user {}", name)).Keyed("no_user", {name});
  if (auto wrong = CheckRole(role, organisation_code)) return *wrong;
  if (user->role == Role::kAdministrator && role != Role::kAdministrator && !user->disabled) {
    const auto users = store_.ListUsers();
    const bool another = std::any_of(users.begin(), users.end(), [&](const User& other) {
      return other.id != user->id && other.role == Role::kAdministrator && !other.disabled;
    });
    if (!another) {
      return Status::FailedPrecondition(
                 fmt::format("{} is the only enabled administrator; make another one first",
                             name))
          .Keyed("last_administrator", {name});
    }
  }
  store_.SetRole(user->id, role, organisation_code);
  Audit(by, "user.role", "user " + name,
        std::string(RoleCode(role)) +
            (role == Role::kCoordinator ? " of " + organisation_code : ""));
  return Status::Ok();
}

Result<User> AccountService::AddUser(const NewUser& request, const std::string& by) {
  if (!ValidName(request.name)) {
    return Status::InvalidInput(
               fmt::format("the name \"{}\" is not 1 to 64 of the characters a-z 0-9 . _ @ -",
                           request.name))
        .Keyed("user_name_bad", {request.name});
  }
  if (auto weak = WeakPassword(request.password)) return *weak;
  if (auto wrong = CheckRole(request.role, request.organisation_code)) return *wrong;
  if (!request.email.empty() && !PlausibleStaffEmail(request.email)) {
    return Status::InvalidInput(fmt::format("\"{}\" is not an email address", request.email))
        .Keyed("not_email", {request.email});
  }
  const bool coordinator = request.role == Role::kCoordinator;
  User user;
  user.name = request.name;
  user.password_hash = HashPassword(request.password);
  user.role = request.role;
  user.organisation_code = request.organisation_code;
  user.language = request.language;
  user.email = request.email;
  user.created_at = clock_.Now();
  if (!store_.CreateUser(user)) {
    return Status::AlreadyExists(fmt::format("there is a user {} already", user.name))
        .Keyed("user_exists", {user.name});
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
  if (!user) return Status::NotFound(fmt::format("there is no user {}", name)).Keyed("no_user", {name});
  if (auto weak = WeakPassword(password)) return *weak;
  store_.SetPassword(user->id, HashPassword(password));
  store_.DeleteSessionsOf(user->id);
  Audit(by, "user.password", "user " + name);
  return Status::Ok();
}

bool PlausibleStaffEmail(const std::string& email) {
  const size_t at = email.find('@');
  const bool plain = std::none_of(email.begin(), email.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
  });
  return email.size() <= 254 && plain && at != 0 && at != std::string::npos &&
         at + 1 < email.size() && email.find('@', at + 1) == std::string::npos;
}

Status AccountService::SetEmail(const std::string& name, const std::string& email,
                                const std::string& by) {
  auto user = store_.FindUser(name);
  if (!user) return Status::NotFound(fmt::format("there is no user {}", name)).Keyed("no_user", {name});
  if (!email.empty() && !PlausibleStaffEmail(email)) {
    return Status::InvalidInput(fmt::format("\"{}\" is not an email address", email))
        .Keyed("not_email", {email});
  }
  store_.SetEmail(user->id, email);
  Audit(by, "user.email", "user " + name, email.empty() ? "none" : email);
  return Status::Ok();
}

Result<AccountService::PasswordLink> AccountService::CreatePasswordLink(const std::string& name,
                                                                        const std::string& by) {
  auto user = store_.FindUser(name);
  if (!user) return Status::NotFound(fmt::format("there is no user {}", name)).Keyed("no_user", {name});
  if (user->disabled) {
    return Status::FailedPrecondition(fmt::format("{} is disabled: enable the user first", name))
        .Keyed("user_disabled", {name});
  }
  if (user->email.empty()) {
    return Status::FailedPrecondition(
               fmt::format("{} has no email address to mail the link to", name))
        .Keyed("user_no_email", {name});
  }
  PasswordLink link{*user, NewToken(), clock_.Now() + kPasswordLinkLifetime};
  store_.CreatePasswordLink(HashToken(link.token), user->id, clock_.Now(), link.expires_at);
  Audit(by, "user.password_link", "user " + name, "to " + user->email);
  return link;
}

std::optional<User> AccountService::PasswordLinkUser(const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  return store_.FindPasswordLink(HashToken(token), clock_.Now());
}

Status AccountService::SetPasswordByLink(const std::string& token, const std::string& password) {
  // Looked up before the password is hashed, so that a link that is none
  // costs no hash; used (and looked up again) in one transaction after.
  auto user = PasswordLinkUser(token);
  if (!user) return Status::NotFound("the link is not valid: it was used, has expired or is none")
                        .Keyed("password_link_invalid");
  if (auto weak = WeakPassword(password)) return *weak;
  if (password.size() > kMaxPasswordLength) {
    return Status::InvalidInput(
               fmt::format("the password is longer than {} characters", kMaxPasswordLength))
        .Keyed("password_long", {std::to_string(kMaxPasswordLength)});
  }
  auto used = store_.UsePasswordLink(HashToken(token), clock_.Now(), HashPassword(password));
  if (!used) return Status::NotFound("the link is not valid: it was used, has expired or is none")
                        .Keyed("password_link_invalid");
  Audit(used->name, "user.password_by_link", "user " + used->name);
  return Status::Ok();
}

// Passwords hashed at once: a try_acquire that fails answers "busy" at once
// rather than queueing, so a flood of sign-ins costs neither memory nor
// the respondents' time.
class AccountService::HashSlots {
 public:
  explicit HashSlots(int slots) : free_(std::max(1, slots)) {}
  bool TryTake() {
    std::lock_guard lock(mutex_);
    if (free_ == 0) return false;
    --free_;
    return true;
  }
  void Give() {
    std::lock_guard lock(mutex_);
    ++free_;
  }

 private:
  std::mutex mutex_;
  int free_;  // guarded by mutex_
};

AccountService::AccountService(AccountStore& store, RegistryStore& registry,
                               const Clock& clock, SignInLimits limits)
    : store_(store),
      registry_(registry),
      clock_(clock),
      limits_(limits),
      hash_slots_(std::make_unique<HashSlots>(limits.concurrent_hashes)) {}

AccountService::~AccountService() = default;

Status AccountService::SetDisabled(const std::string& name, bool disabled,
                                   const std::string& by) {
  auto user = store_.FindUser(name);
  if (!user) return Status::NotFound(fmt::format("there is no user {}", name)).Keyed("no_user", {name});
  store_.SetDisabled(user->id, disabled, clock_.Now());
  Audit(by, disabled ? "user.disable" : "user.enable", "user " + name);
  return Status::Ok();
}

void AccountService::Fail(const std::string& name, const std::string& address,
                          const std::vector<std::pair<std::string, int>>& keys) {
  TimePoint now = clock_.Now();
  std::string who = ValidName(name) ? "user " + name : "an unknown name";
  Audit("", "session.sign_in_failed", who, "from " + address);
  for (const auto& [key, limit] : keys) {
    store_.RecordFailure(key, now);
    if (store_.CountFailures(key, now - limits_.window) == limit) {
      std::string what = key.starts_with("pair:")      ? who + " from " + address
                         : key.starts_with("address:") ? "address " + address
                         : key.starts_with("device:")  ? who + " on a known device"
                                                       : who;
      Audit("", key.starts_with("account:") ? "session.slowed" : "session.locked", what,
            fmt::format("{} failures in {} minutes", limit, limits_.window.count() / 60));
    }
  }
}

Result<SignedIn> AccountService::SignIn(const std::string& name,
                                        const std::string& password,
                                        const std::string& address,
                                        const std::string& device_token) {
  TimePoint now = clock_.Now();
  TimePoint since = now - limits_.window;
  const std::string address_key = "address:" + CutUtf8(address, 64);
  // A name that cannot be an account's is refused before anything else:
  // it is neither hashed nor stored, and counts only against the address.
  if (!ValidName(name) || password.size() > kMaxPasswordLength) {
    if (store_.CountFailures(address_key, since) < limits_.per_address) {
      Fail(name, address, {{address_key, limits_.per_address}});
    }
    return Status::PermissionDenied(kSignInRefused);
  }
  const std::string name_hash = HashContent(name).substr(0, 32);
  const std::string account_key = "account:" + name_hash;
  const std::string pair_key = "pair:" + name_hash + ":" + CutUtf8(address, 64);
  auto user = store_.FindUser(name);
  const bool known_device = user && !device_token.empty() &&
                            store_.IsKnownDevice(HashToken(device_token), user->id, now);
  const std::string device_key =
      known_device ? "device:" + HashToken(device_token).substr(0, 32) : "";
  // Throttling is decided first, and costs no hashing. A known device
  // answers only for its own failures.
  bool throttled =
      known_device
          ? store_.CountFailures(device_key, since) >= limits_.per_pair
          : store_.CountFailures(pair_key, since) >= limits_.per_pair ||
                store_.CountFailures(address_key, since) >= limits_.per_address ||
                (store_.CountFailures(account_key, since) >= limits_.per_account &&
                 store_.CountFailures(account_key, now - limits_.slow_down) > 0);
  if (throttled) return Status::PermissionDenied(kSignInRefused);
  if (!hash_slots_->TryTake()) {
    return Status::Unavailable("too many sign-ins at once; try again in a second");
  }
  // Verify even when the answer is known, so that timing tells nothing.
  bool matches = false;
  try {
    matches = VerifyPassword(password, user ? user->password_hash : DecoyHash());
  } catch (...) {
    hash_slots_->Give();
    throw;
  }
  hash_slots_->Give();
  if (!user || user->disabled || !matches) {
    std::vector<std::pair<std::string, int>> keys = {{pair_key, limits_.per_pair},
                                                     {address_key, limits_.per_address},
                                                     {account_key, limits_.per_account}};
    if (known_device) keys.emplace_back(device_key, limits_.per_pair);
    Fail(name, address, keys);
    return Status::PermissionDenied(kSignInRefused);
  }
  store_.ClearFailures(pair_key);
  store_.DeleteStaleSessions(now, now - limits_.session_idle);
  SignedIn signed_in;
  signed_in.user = *user;
  signed_in.session_id = NewToken();
  signed_in.session.id_hash = HashToken(signed_in.session_id);
  signed_in.session.user_id = user->id;
  signed_in.session.csrf_token = NewToken();
  signed_in.session.created_at = now;
  signed_in.session.expires_at = now + limits_.session_lifetime;
  signed_in.session.seen_at = now;
  store_.CreateSession(signed_in.session);
  if (!known_device) {
    signed_in.device_token = NewToken();
    store_.AddKnownDevice(HashToken(signed_in.device_token), user->id,
                          now + limits_.device_lifetime);
  }
  Audit(name, "session.sign_in", "user " + name, "from " + address);
  return signed_in;
}

std::optional<AccountStore::LiveSession> AccountService::FindSession(
    const std::string& session_id) {
  if (session_id.empty()) return std::nullopt;
  TimePoint now = clock_.Now();
  auto live = store_.FindSession(HashToken(session_id), now, now - limits_.session_idle);
  // Its use is recorded at most once a minute: a write per page would be
  // a durable write per click.
  if (live && now - live->session.seen_at > std::chrono::minutes(1)) {
    store_.TouchSession(live->session.id_hash, now);
  }
  return live;
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
