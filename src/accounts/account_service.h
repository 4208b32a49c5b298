// Adding staff, changing passwords, signing in and out with throttling,
// and the audit log.
#ifndef KARTLA_ACCOUNTS_ACCOUNT_SERVICE_H_
#define KARTLA_ACCOUNTS_ACCOUNT_SERVICE_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "accounts/account.h"
#include "core/clock.h"
#include "core/status.h"
#include "registry/registry_store.h"

namespace kartla::accounts {

struct NewUser {
  std::string name;
  std::string password;
  Role role = Role::kAnalyst;
  std::string organisation_code;  // required for, and only for, coordinators
  Lang language = Lang::kFi;
  std::string email = "";  // optional: where links to set a password go
};

struct SignedIn {
  User user;
  StaffSession session;
  std::string session_id;  // for the cookie; never stored
  // A new known-device token for the browser's cookie, or "" if the browser
  // presented a valid one already. Never stored; its hash is.
  std::string device_token;
};

// Sign-in throttling. Failures are counted per account and address
// together, per address, and per account (under a hash of the name, so a
// key is short whatever is typed), within `window`:
// - `per_pair` failures of one account from one address lock that pair:
//   the attacker's address, not the account, until the window has passed;
// - `per_address` failures from one address lock the address;
// - `per_account` failures of one account from anywhere slow it down
//   rather than lock it: it then takes one attempt per `slow_down`;
// - a browser the user has signed in from before (a known device) passes
//   the address lock and the slow-down, so that an attacker cannot keep
//   the user out.
// Throttling is decided before any password is hashed; the hashing itself
// runs at most `concurrent_hashes` at once (each takes 64 MiB for a
// fraction of a second), beyond that a sign-in fails at once with
// kUnavailable, to be tried again a second later.
struct SignInLimits {
  int per_pair = 5;
  int per_address = 20;
  int per_account = 5;
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds slow_down{30};
  int concurrent_hashes = 2;
  std::chrono::seconds session_lifetime{8 * 3600};
  // A session unused this long ends. Default: 1 hour.
  std::chrono::seconds session_idle{3600};
  // How long a browser stays known after a sign-in. Default: 90 days.
  std::chrono::seconds device_lifetime{90 * 24 * 3600};
};

// The shortest password accepted.
inline constexpr size_t kMinPasswordLength = 10;
// The longest password accepted (Argon2id hashes any length, but a
// megabyte typed into the form should not be).
inline constexpr size_t kMaxPasswordLength = 1024;

// Whether `email` can be a member of staff's address: an @ between a name
// and a domain, no spaces or control characters, at most 254 bytes.
bool PlausibleStaffEmail(const std::string& email);

// How long a link to set a password works.
inline constexpr std::chrono::hours kPasswordLinkLifetime{24};

// Thread-safe if the stores are.
class AccountService {
 public:
  // All references must outlive the service.
  AccountService(AccountStore& store, RegistryStore& registry, const Clock& clock,
                 SignInLimits limits = {});
  ~AccountService();

  // Adds a user, audited as done `by`. Fails with kInvalidInput for a bad
  // name (1–64 of a-z 0-9 . _ @ -), a short password, a coordinator without
  // an organisation of the latest registry version (or another role with
  // one); kAlreadyExists if the name is taken.
  Result<User> AddUser(const NewUser& request, const std::string& by);
  // Sets a new password and ends the user's sessions. Fails with kNotFound
  // or kInvalidInput (short password).
  Status ChangePassword(const std::string& name, const std::string& password,
                        const std::string& by);
  std::vector<User> List() { return store_.ListUsers(); }

  // Gives a user another role (a coordinator's organisation with it, else
  // ""), audited as done `by`; the user's pages follow at their next
  // request. Fails with kNotFound, kInvalidInput (as AddUser checks the role
  // and organisation) or kFailedPrecondition (the last enabled
  // administrator would be gone).
  Status SetRole(const std::string& name, Role role, const std::string& organisation_code,
                 const std::string& by);

  // Enables or disables a user, audited as done `by`; disabling ends the
  // user's sessions. Fails with kNotFound.
  Status SetDisabled(const std::string& name, bool disabled, const std::string& by);

  // Sets the address links to set a password are mailed to ("" for none),
  // audited as done `by`. Fails with kNotFound, or kInvalidInput for what
  // is no address (an @ between a name and a domain, no spaces or control
  // characters, at most 254 bytes).
  Status SetEmail(const std::string& name, const std::string& email, const std::string& by);

  // A link to set a password: its token (never stored; its hash is), valid
  // once for `kPasswordLinkLifetime`, replacing any link the user had;
  // audited as done `by` (never the token). Fails with kNotFound, or
  // kFailedPrecondition for a disabled user or one without an address.
  struct PasswordLink {
    User user;
    std::string token;
    TimePoint expires_at;
  };
  Result<PasswordLink> CreatePasswordLink(const std::string& name, const std::string& by);
  // The user whose usable link `token` is; nullopt if it is none, used,
  // expired or its user disabled.
  std::optional<User> PasswordLinkUser(const std::string& token);
  // Sets the password of the link's user and ends the user's sessions, the
  // link then used; audited as done by the user. Fails with kInvalidInput
  // (a short or long password: the link stays usable), kNotFound for a link
  // that is not usable.
  Status SetPasswordByLink(const std::string& token, const std::string& password);

  // Signs in from `address` (the client's, as trusted proxies tell it),
  // in a browser that presents `device_token` ("" if none). Fails with
  // kPermissionDenied, with the same message whether the account is
  // unknown or disabled, the password wrong or the sign-in throttled (see
  // SignInLimits), so that a failure does not tell which; with
  // kUnavailable if too many passwords are being hashed at once. Failures
  // and lockouts are audited.
  Result<SignedIn> SignIn(const std::string& name, const std::string& password,
                          const std::string& address, const std::string& device_token = "");
  std::optional<AccountStore::LiveSession> FindSession(const std::string& session_id);
  void SignOut(const std::string& session_id);

  void Audit(const std::string& by, const std::string& action,
             const std::string& object, const std::string& detail = "");
  std::vector<AuditEntry> ListAudit(size_t limit) { return store_.ListAudit(limit); }

 private:
  // Why `role` with `organisation_code` is not a valid user's, or nullopt.
  std::optional<Status> CheckRole(Role role, const std::string& organisation_code);
  // Records a failed sign-in under each of `keys`, audits it, and audits
  // a lockout where one of them has just reached its limit.
  void Fail(const std::string& name, const std::string& address,
            const std::vector<std::pair<std::string, int>>& keys);

  AccountStore& store_;
  RegistryStore& registry_;
  const Clock& clock_;
  const SignInLimits limits_;
  class HashSlots;
  const std::unique_ptr<HashSlots> hash_slots_;
};

}  // namespace kartla::accounts

#endif  // KARTLA_ACCOUNTS_ACCOUNT_SERVICE_H_
