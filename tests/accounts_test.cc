// Staff accounts over a real database: adding, signing in, throttling,
// sessions and the audit log.
#include <gtest/gtest.h>

#include "app/app.h"
#include "support/temp_dir.h"

namespace kartla {
namespace {

using accounts::NewUser;
using accounts::Role;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config;
    config.database = (dir_.path() / "kartla.db").string();
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

TEST_F(AccountsTest, FailuresTellNothingAndLockTheAccountForAWhile) {
  auto wrong = accounts().SignIn("anna", "wrong password!", "10.0.0.1");
  auto unknown = accounts().SignIn("nobody", "wrong password!", "10.0.0.1");
  EXPECT_EQ(wrong.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  for (int i = 0; i < 4; ++i) (void)accounts().SignIn("anna", "guess", "10.0.0.2");
  // Five failures on the account: now even the right password is refused,
  // with the same message, from any address.
  auto locked = accounts().SignIn("anna", "correct horse battery", "10.0.0.3");
  EXPECT_EQ(locked.status().message(), wrong.status().message());
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_TRUE(accounts().SignIn("anna", "correct horse battery", "10.0.0.3").ok());
}

TEST_F(AccountsTest, ManyFailuresFromOneAddressLockThatAddress) {
  for (int i = 0; i < 20; ++i) {
    (void)accounts().SignIn("user" + std::to_string(i), "guess", "10.0.0.9");
  }
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.9").ok());
  EXPECT_TRUE(accounts().SignIn("anna", "correct horse battery", "10.0.0.8").ok());
}

TEST_F(AccountsTest, PasswordChangeEndsSessionsAndIsAudited) {
  auto signed_in = accounts().SignIn("anna", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(signed_in.ok());
  ASSERT_TRUE(accounts().ChangePassword("anna", "a new long password", "anna").ok());
  EXPECT_FALSE(accounts().FindSession(signed_in->session_id));
  EXPECT_FALSE(accounts().SignIn("anna", "correct horse battery", "10.0.0.1").ok());
  EXPECT_TRUE(accounts().SignIn("anna", "a new long password", "10.0.0.1").ok());
  auto log = accounts().ListAudit(10);
  ASSERT_GE(log.size(), 3u);
  EXPECT_EQ(log[0].action, "session.sign_in");
  EXPECT_EQ(log[1].action, "user.password");
  EXPECT_EQ(log[1].user_name, "anna");
  EXPECT_EQ(log.back().action, "user.add");
}

}  // namespace
}  // namespace kartla
