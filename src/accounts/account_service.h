// Adding staff, changing passwords, signing in and out with throttling,
// and the audit log.
#ifndef KARTLA_ACCOUNTS_ACCOUNT_SERVICE_H_
#define KARTLA_ACCOUNTS_ACCOUNT_SERVICE_H_

#include <chrono>
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
};

struct SignedIn {
  User user;
  StaffSession session;
  std::string session_id;  // for the cookie; never stored
};

struct SignInLimits {
  // Failed attempts on one account, or from one address, within `window`
  // after which sign-in is refused until the window has passed.
  int per_account = 5;
  int per_address = 20;
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds session_lifetime{8 * 3600};
};

// The shortest password accepted.
inline constexpr size_t kMinPasswordLength = 10;

// Thread-safe if the stores are.
class AccountService {
 public:
  // All references must outlive the service.
  AccountService(AccountStore& store, RegistryStore& registry, const Clock& clock,
                 SignInLimits limits = {})
      : store_(store), registry_(registry), clock_(clock), limits_(limits) {}

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

  // Signs in from `address`. Fails with kPermissionDenied, with the same
  // message whether the account is unknown, the password wrong or the
  // account or address throttled, so that a failure does not tell which.
  Result<SignedIn> SignIn(const std::string& name, const std::string& password,
                          const std::string& address);
  std::optional<AccountStore::LiveSession> FindSession(const std::string& session_id);
  void SignOut(const std::string& session_id);

  void Audit(const std::string& by, const std::string& action,
             const std::string& object, const std::string& detail = "");
  std::vector<AuditEntry> ListAudit(size_t limit) { return store_.ListAudit(limit); }

 private:
  AccountStore& store_;
  RegistryStore& registry_;
  const Clock& clock_;
  const SignInLimits limits_;
};

}  // namespace kartla::accounts

#endif  // KARTLA_ACCOUNTS_ACCOUNT_SERVICE_H_
