// Nothing acknowledged is lost: 16 clients save pages while the server is
// killed with SIGKILL; after a restart every page that got a success
// response is there. And the outbox: killed while sending 500 messages, it
// delivers each exactly once after a restart.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/support/http_client.h"
#include "tests/support/saving_respondents.h"
#include "tests/support/server_process.h"
#include "tests/support/smtp_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace kartla {
namespace {

using testing::CsrfOf;
using testing::HttpClient;

constexpr int kClients = 16;

using testing::RunCommand;

pid_t StartServer(const std::string& dir, int port) {
  return testing::StartServer(KARTLA_BINARY, dir, port);
}

TEST(DurabilityTest, EveryAcknowledgedPageSurvivesSigkill) {
  testing::TempDir dir;
  const std::string folder = (dir.path() / "demo").string();
  const int port = 20000 + getpid() % 1000;
  // Sixteen organisations, each with its own link; on PostgreSQL the
  // demo's database moved to the test's database.
  std::vector<std::string> tokens = testing::SetUpFieldwork(
      KARTLA_BINARY, folder, testing::OnPostgres() ? testing::TestDatabase(dir.path()) : "",
      kClients);
  ASSERT_EQ(tokens.size(), size_t(kClients));

  pid_t server = StartServer(folder, port);
  testing::SavingRespondents respondents(port, tokens, /*go_on=*/false);
  respondents.WaitFor(400, 60);
  ASSERT_GE(respondents.acknowledged(), 400) << "the clients could not save pages";
  kill(server, SIGKILL);
  waitpid(server, nullptr, 0);
  respondents.Stop();
  std::cout << respondents.acknowledged() << " saves acknowledged before SIGKILL\n";

  server = StartServer(folder, port);
  for (int c = 0; c < kClients; ++c) {
    ASSERT_GE(respondents.last_ok(c), 0) << "client " << c << " saved nothing";
    HttpClient client(port);
    client.Get("/r/" + tokens[c]);
    // The acknowledged save, or the one in flight when the server died.
    EXPECT_TRUE(testing::SavingRespondents::Shows(client.Get("/q/review").body, c,
                                                  respondents.last_ok(c)))
        << "client " << c << " lost save " << respondents.last_ok(c);
  }
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
}

TEST(DurabilityTest, TheOutboxLosesNoneOfFiveHundredMessagesToSigkillAndRepeatsAtMostTheOneInFlight) {
  testing::TempDir dir;
  const std::string folder = (dir.path() / "demo").string();
  const int port = 21000 + getpid() % 1000;
  const int smtp_port = port + 1000;
  // A round with two questionnaires, and no one invited yet.
  std::filesystem::create_directories(folder);
  if (testing::OnPostgres()) {
    std::ofstream(folder + "/kartla.toml")
        << "database = \"" << testing::TestDatabase(dir.path()) << "\"\nkey_file = \"kartla.key\"\n";
  }
  std::string kartla = "cd '" + folder + "' && " + KARTLA_BINARY;
  std::string forms = std::string(KARTLA_SOURCE_DIR) + "/data/forms/digimapping-2025/";
  std::string setup = RunCommand(
      kartla + " init && " + kartla + " registry load fi-2025 && " + kartla +
      " round create digimapping-2025 --series digimapping --year 2025 --title 'Mapping' && " +
      kartla + " form import " + forms + "chief-executives.survey.csv && " + kartla +
      " form import " + forms + "ict-management.survey.csv && " + kartla +
      " round add-questionnaire digimapping-2025 chief-executives --target-group "
      "chief_executives && " + kartla +
      " round add-questionnaire digimapping-2025 ict-management --target-group "
      "ict_management && echo SET-UP 2>&1");
  ASSERT_NE(setup.find("SET-UP"), std::string::npos) << setup;
  // Two contacts, in two target groups, for each of 250 municipalities.
  std::string listed = RunCommand("cd '" + folder + "' && " + KARTLA_BINARY +
                                  " registry list 2>&1");
  std::vector<std::string> codes;
  std::regex code_line("\n([0-9]{3}) ");
  for (auto it = std::sregex_iterator(listed.begin(), listed.end(), code_line);
       it != std::sregex_iterator() && codes.size() < 250; ++it) {
    codes.push_back((*it)[1].str());
  }
  ASSERT_EQ(codes.size(), 250u) << listed;
  {
    std::ofstream csv(folder + "/contacts.csv");
    csv << "organisation,name,email,role\n";
    for (const std::string& code : codes) {
      csv << code << ",Johtaja " << code << ",kj" << code << "@kunta.example,chief_executives\n"
          << code << ",Tietohallinto " << code << ",it" << code
          << "@kunta.example,ict_management\n";
    }
  }
  std::string queued = RunCommand(
      "cd '" + folder + "' && " + KARTLA_BINARY + " contacts import contacts.csv && " +
      KARTLA_BINARY + " invite send digimapping-2025 --target-group chief_executives && " +
      KARTLA_BINARY + " invite send digimapping-2025 --target-group ict_management 2>&1");
  ASSERT_NE(queued.find("Queued 250 invitations"), std::string::npos) << queued;
  std::ofstream(folder + "/kartla.toml", std::ios::app)
      << "[mail]\nport = " << smtp_port
      << "\nsecurity = \"none\"\nper_minute = 100000\n";

  testing::SmtpServer smtp(dir.path(), smtp_port);
  pid_t server = StartServer(folder, port);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (smtp.Count() < 150 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(server, SIGKILL);
  waitpid(server, nullptr, 0);
  size_t before = smtp.Count();
  std::cout << before << " messages delivered before SIGKILL\n";
  ASSERT_GE(before, 150u) << "the outbox did not send";
  ASSERT_LT(before, 500u) << "all were sent before the kill";

  server = StartServer(folder, port);
  // Alone again, the new server sends at once the message the killed one
  // had claimed, if any.
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (smtp.Count() < 500 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Time for a further duplicate to arrive, if one were coming.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);

  std::string log = RunCommand("grep -a outbox '" + folder + "/serve.log'");
  std::map<std::string, int> seen;
  for (const std::string& message : smtp.Messages()) ++seen[testing::MessageIdOf(message)];
  EXPECT_EQ(seen.size(), 500u) << "distinct messages delivered; the server said:\n" << log;
  // The one window for a duplicate: the killed server had the message
  // accepted but not yet recorded, so it was still claimed, and was sent
  // again, under the same Message-ID.
  int twice = 0;
  for (const auto& [id, count] : seen) {
    EXPECT_FALSE(id.empty()) << "a message without a Message-ID";
    EXPECT_LE(count, 2) << id << " delivered " << count << " times";
    if (count == 2) ++twice;
  }
  EXPECT_LE(twice, 1) << log;
  if (twice == 1) {
    EXPECT_NE(log.find("outbox: in doubt 1 "),
              std::string::npos)
        << log;
  }
  std::cout << (twice ? "the message in flight was delivered twice\n"
                      : "no message was delivered twice\n");
}

}  // namespace
}  // namespace kartla
