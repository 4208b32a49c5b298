// Staff accounts over a real database: adding, signing in, throttling,
// sessions and the audit log.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "app/app.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace kartla {
namespace {

using accounts::NewUser;
using accounts::Role;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config;
    config.database = testing::TestDatabase(dir_.path());
    app_ = std::move(App::Open(config, clock_, true)).value();
    ASSERT_TRUE(app_->registry().LoadBuiltin("fi-2025", std::nullopt).ok());
    NewUser anna{"anna", "correct horse battery", Role::kAdministrator, "", Lang::kFi};
    ASSERT_TRUE(app_->accounts().AddUser(anna, "test").ok());
  }

  accounts::AccountService& accounts() { return app_->accounts(); }

  testing::TempDir dir_;
  FakeClock clock_{TimePoint{} + std::chrono::hours(24 * 20000)};
  std::unique_ptr<App> app_;
};

TEST_F(AccountsTest, RefusesBadNamesShortPasswordsAndMisplacedOrganisations) {
  auto add = [&](NewUser user) { return accounts().AddUser(user, "test").status().code(); };
  EXPECT_EQ(add({"Anna Smith", "long enough pass", Role::kAnalyst, "", Lang::kFi}),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(add({"bob", "short", Role::kAnalyst, "", Lang::kFi}),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(add({"bob", "long enough pass", Role::kCoordinator, "", Lang::kFi}),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(add({"bob", "long enough pass", Role::kCoordinator, "999", Lang::kFi}),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(add({"bob", "long enough pass", Role::kAnalyst, "091", Lang::kFi}),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(add({"anna", "long enough pass", Role::kAnalyst, "", Lang::kFi}),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(add({"bob", "long enough pass", Role::kCoordinator, "091", Lang::kFi}),
            ErrorCode::kOk);
  EXPECT_EQ(accounts().List().size(), 2u);
}

TEST_F(AccountsTest, SignsInAndOutWithASessionThatExpires) {
  auto signed_in = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(signed_in.ok()) << signed_in.status().ToString();
  auto live = accounts().FindSession(signed_in->session_id);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->user.name, "anna");
  EXPECT_EQ(live->session.csrf_token, signed_in->session.csrf_token);
  EXPECT_FALSE(accounts().FindSession(signed_in->session.id_hash))
      << "the stored hash is not a session id";
  accounts().SignOut(signed_in->session_id);
  EXPECT_FALSE(accounts().FindSession(signed_in->session_id));

  auto again = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(again.ok());
  clock_.Advance(std::chrono::hours(9));
  EXPECT_FALSE(accounts().FindSession(again->session_id));
}

TEST_F(AccountsTest, FailuresTellNothingAndLockTheAttackersAddressNotTheAccount) {
  auto wrong = accounts().SignIn("anna", "wrong password!", "10.0.0.1");
  auto unknown = accounts().SignIn("nobody", "wrong password!", "10.0.0.1");
  EXPECT_EQ(wrong.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  // Once anna has failed five times, the account is slowed down: an
  // attempt right after a failure is refused, however right.
  for (int i = 0; i < 4; ++i) (void)accounts().SignIn("anna", "guess", "10.0.0.2");
  auto slowed = accounts().SignIn("anna", "correct horse battery", "10.0.0.2");
  EXPECT_EQ(slowed.status().message(), wrong.status().message());
  // An attacker who waits out the slow-down: five failures of anna from
  // 10.0.0.2 lock that pair, even for the right password.
  clock_.Advance(std::chrono::seconds(31));
  (void)accounts().SignIn("anna", "guess", "10.0.0.2");
  clock_.Advance(std::chrono::seconds(31));
  auto locked = accounts().SignIn("anna", "correct horse battery", "10.0.0.2");
  EXPECT_EQ(locked.status().message(), wrong.status().message());
  (void)accounts().SignIn("anna", "guess", "10.0.0.3");
  // From elsewhere the account is slowed down, not locked: one attempt per
  // 30 seconds after the last failure.
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.3").ok());
  clock_.Advance(std::chrono::seconds(31));
  EXPECT_TRUE(accounts().SignIn("anna", "correct horse battery", "10.0.0.3").ok());
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.2").ok());
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_TRUE(accounts().SignIn("anna", "correct horse battery", "10.0.0.2").ok());
}

TEST_F(AccountsTest, AKnownBrowserSignsInWhileAnAttackerHammersTheAccount) {
  auto first = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->device_token.empty());
  // An attacker behind the same proxy address, all day long.
  for (int i = 0; i < 30; ++i) (void)accounts().SignIn("anna", "guess", "10.0.0.1");
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.1").ok());
  auto known = accounts().SignIn("anna", "correct horse battery", "10.0.0.1", first->device_token);
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  EXPECT_TRUE(known->device_token.empty());  // the browser keeps its token
  // A device token works only for its own user, and its own failures count.
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.1", "forged").ok());
  for (int i = 0; i < 5; ++i) {
    (void)accounts().SignIn("anna", "typo", "10.0.0.1", first->device_token);
  }
  EXPECT_FALSE(
      accounts().SignIn("anna", "correct horse battery", "10.0.0.1", first->device_token).ok());
}

TEST_F(AccountsTest, ManyFailuresFromOneAddressLockThatAddress) {
  for (int i = 0; i < 20; ++i) {
    (void)accounts().SignIn("user" + std::to_string(i), "guess", "10.0.0.9");
  }
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.9").ok());
  EXPECT_TRUE(accounts().SignIn("anna", "correct horse battery", "10.0.0.8").ok());
}

TEST_F(AccountsTest, FailuresAndLockoutsAreAuditedUnderBoundedNames) {
  std::string huge(1 << 20, 'x');
  EXPECT_FALSE(accounts().SignIn(huge, "guess", "10.0.0.4").ok());
  for (int i = 0; i < 5; ++i) (void)accounts().SignIn("anna", "guess", "10.0.0.5");
  auto log = accounts().ListAudit(20);
  std::map<std::string, int> actions;
  size_t longest = 0;
  for (const auto& entry : log) {
    ++actions[entry.action];
    longest = std::max({longest, entry.object.size(), entry.detail.size()});
  }
  EXPECT_EQ(actions["session.sign_in_failed"], 6);
  EXPECT_EQ(actions["session.locked"], 1);   // anna from 10.0.0.5
  EXPECT_EQ(actions["session.slowed"], 1);   // anna from anywhere
  EXPECT_LT(longest, 100u);
  EXPECT_EQ(log.back().action, "user.add");
  EXPECT_EQ(log[log.size() - 2].object, "an unknown name");
}

TEST_F(AccountsTest, DisabledUsersCannotSignInAndIdleSessionsEnd) {
  auto signed_in = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(signed_in.ok());
  clock_.Advance(std::chrono::minutes(50));
  EXPECT_TRUE(accounts().FindSession(signed_in->session_id));  // used: kept alive
  clock_.Advance(std::chrono::minutes(50));
  EXPECT_TRUE(accounts().FindSession(signed_in->session_id));
  clock_.Advance(std::chrono::minutes(61));
  EXPECT_FALSE(accounts().FindSession(signed_in->session_id));  // idle an hour

  auto again = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(accounts().SetDisabled("anna", true, "admin").ok());
  EXPECT_FALSE(accounts().FindSession(again->session_id));
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.1").ok());
  ASSERT_TRUE(accounts().SetDisabled("anna", false, "admin").ok());
  EXPECT_TRUE(accounts().SignIn("anna", "correct horse battery", "10.0.0.1").ok());
  EXPECT_EQ(accounts().SetDisabled("nobody", true, "admin").code(), ErrorCode::kNotFound);
}

// Who manages which organisation's contacts, invitations and answers.
TEST(UserTest, AnAdministratorManagesEveryOrganisationACoordinatorTheirOwn) {
  auto user = [](Role role, std::string organisation) {
    accounts::User made;
    made.role = role;
    made.organisation_code = std::move(organisation);
    return made;
  };
  EXPECT_TRUE(user(Role::kAdministrator, "").Manages("091"));
  EXPECT_TRUE(user(Role::kAdministrator, "").Manages("049"));
  EXPECT_TRUE(user(Role::kCoordinator, "091").Manages("091"));
  EXPECT_FALSE(user(Role::kCoordinator, "091").Manages("049"));
  EXPECT_FALSE(user(Role::kAnalyst, "").Manages("091"));
  EXPECT_FALSE(user(Role::kCoordinator, "").Manages("")) << "no organisation";
}

// A role changes as AddUser checks it; the last enabled administrator
// keeps theirs; a signed-in user's next request has the new role.
TEST_F(AccountsTest, RolesChangeButTheLastAdministratorStays) {
  ASSERT_TRUE(accounts().AddUser({"bob", "long enough pass", Role::kAnalyst, "", Lang::kFi},
                                 "anna").ok());
  auto bob = accounts().SignIn("bob", "long enough pass", "10.0.0.2");
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(accounts().SetRole("bob", Role::kCoordinator, "", "anna").code(),
            ErrorCode::kInvalidInput) << "a coordinator needs an organisation";
  EXPECT_EQ(accounts().SetRole("bob", Role::kCoordinator, "999", "anna").code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(accounts().SetRole("nobody", Role::kAnalyst, "", "anna").code(),
            ErrorCode::kNotFound);
  ASSERT_TRUE(accounts().SetRole("bob", Role::kCoordinator, "091", "anna").ok());
  auto live = accounts().FindSession(bob->session_id);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->user.role, Role::kCoordinator);
  EXPECT_EQ(live->user.organisation_code, "091");
  // Anna is the only administrator: she stays one until bob is one too.
  EXPECT_EQ(accounts().SetRole("anna", Role::kAnalyst, "", "bob").code(),
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(accounts().SetRole("bob", Role::kAdministrator, "", "anna").ok());
  for (const accounts::User& user : accounts().List()) {
    if (user.name == "bob") {
      EXPECT_EQ(user.organisation_code, "");
    }
  }
  EXPECT_TRUE(accounts().SetRole("anna", Role::kAnalyst, "", "bob").ok());
  auto log = accounts().ListAudit(3);
  EXPECT_EQ(log[0].action, "user.role");
  EXPECT_EQ(log[0].detail, "analyst");
  EXPECT_EQ(log[1].detail, "administrator");
}

TEST_F(AccountsTest, PasswordChangeEndsSessionsAndIsAudited) {
  auto signed_in = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(signed_in.ok());
  ASSERT_TRUE(accounts().ChangePassword("anna", "a new long password", "anna").ok());
  EXPECT_FALSE(accounts().FindSession(signed_in->session_id));
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.1").ok());
  EXPECT_TRUE(accounts().SignIn("anna", "a new long password", "10.0.0.1").ok());
  auto log = accounts().ListAudit(10);
  ASSERT_GE(log.size(), 4u);
  EXPECT_EQ(log[0].action, "session.sign_in");
  EXPECT_EQ(log[1].action, "session.sign_in_failed");
  EXPECT_EQ(log[2].action, "user.password");
  EXPECT_EQ(log[2].user_name, "anna");
  EXPECT_EQ(log.back().action, "user.add");
}

// A password set by a mailed link: only for a user with an address, once,
// for a day; it ends the user's sessions; a newer link replaces the older.
TEST_F(AccountsTest, APasswordLinkWorksOnceForADayAndEndsTheSessions) {
  EXPECT_EQ(accounts().CreatePasswordLink("anna", "admin").status().code(),
            ErrorCode::kFailedPrecondition) << "no address yet";
  EXPECT_EQ(accounts().CreatePasswordLink("nobody", "admin").status().code(),
            ErrorCode::kNotFound);
  for (const char* wrong : {"anna", "@hel.fi", "anna@", "anna virtanen@hel.fi", "a@b@c"}) {
    EXPECT_EQ(accounts().SetEmail("anna", wrong, "admin").code(), ErrorCode::kInvalidInput)
        << wrong;
  }
  ASSERT_TRUE(accounts().SetEmail("anna", "anna@hel.fi", "admin").ok());
  auto signed_in = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(signed_in.ok());

  auto first = accounts().CreatePasswordLink("anna", "admin");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->user.email, "anna@hel.fi");
  EXPECT_EQ(first->expires_at, clock_.Now() + accounts::kPasswordLinkLifetime);
  auto second = accounts().CreatePasswordLink("anna", "admin");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(accounts().PasswordLinkUser(first->token)) << "replaced by the newer";
  ASSERT_TRUE(accounts().PasswordLinkUser(second->token));
  EXPECT_EQ(accounts().PasswordLinkUser(second->token)->name, "anna");
  EXPECT_FALSE(accounts().PasswordLinkUser("not-a-token"));

  // A short password is refused and the link stays usable.
  EXPECT_EQ(accounts().SetPasswordByLink(second->token, "short").code(),
            ErrorCode::kInvalidInput);
  ASSERT_TRUE(accounts().SetPasswordByLink(second->token, "a password by link").ok());
  EXPECT_FALSE(accounts().FindSession(signed_in->session_id)) << "sessions end";
  EXPECT_TRUE(accounts().SignIn("anna", "a password by link", "10.0.0.1").ok());
  EXPECT_EQ(accounts().SetPasswordByLink(second->token, "another password").code(),
            ErrorCode::kNotFound) << "once";

  // A link expires after a day; a disabled user's does not work.
  auto late = accounts().CreatePasswordLink("anna", "admin");
  ASSERT_TRUE(late.ok());
  clock_.Advance(accounts::kPasswordLinkLifetime + std::chrono::seconds(1));
  EXPECT_FALSE(accounts().PasswordLinkUser(late->token));
  NewUser bob{"bob", "bobs long password", Role::kAnalyst, "", Lang::kSv};
  ASSERT_TRUE(accounts().AddUser(bob, "test").ok());
  ASSERT_TRUE(accounts().SetEmail("bob", "bob@espoo.fi", "anna").ok());
  auto bobs = accounts().CreatePasswordLink("bob", "anna");
  ASSERT_TRUE(bobs.ok());
  ASSERT_TRUE(accounts().SetDisabled("bob", true, "anna").ok());
  EXPECT_FALSE(accounts().PasswordLinkUser(bobs->token));
  EXPECT_EQ(accounts().CreatePasswordLink("bob", "anna").status().code(),
            ErrorCode::kFailedPrecondition);

  // Audited, never with the token.
  bool used = false, mailed = false;
  for (const auto& entry : accounts().ListAudit(50)) {
    EXPECT_EQ(entry.detail.find(second->token), std::string::npos);
    used |= entry.action == "user.password_by_link" && entry.user_name == "anna";
    mailed |= entry.action == "user.password_link" && entry.detail == "to anna@hel.fi";
  }
  EXPECT_TRUE(used);
  EXPECT_TRUE(mailed);
}

}  // namespace
}  // namespace kartla
