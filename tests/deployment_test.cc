// Moving an installation: the demo's database copied to PostgreSQL and back
// with `kartla db copy`, each served by a real `kartla serve`, gives the
// same pages; backups restore what they held. Runs on the test PostgreSQL
// server of ctest's `postgres` fixture.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace kartla {
namespace {

namespace fs = std::filesystem;
using testing::HttpClient;

const std::string kKartla = KARTLA_BINARY;

struct Ran {
  int status = -1;
  std::string output;
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs `kartla ARGS` in `dir` with `environment` (VAR=value, space
// separated) before it; the output with errors.
Ran Kartla(const fs::path& dir, const std::string& args, const std::string& environment = "") {
  std::string command = "cd '" + dir.string() + "' && KARTLA_CLOCK_START=2026-12-02T08:00:00Z " +
                        environment + " '" + kKartla + "' " + args + " 2>&1; echo \"#$?\"";
  std::string output = testing::RunCommand(command);
  Ran ran;
  size_t mark = output.rfind('#');
  ran.status = std::stoi(output.substr(mark + 1));
  ran.output = output.substr(0, mark);
  return ran;
}

// The first capture of `pattern` in `text`, "" if none.
std::string Find(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

// `page` less what differs between any two servings: times of day, the
// sign-in form's token, session-bound tokens.
std::string Steady(std::string page) {
  static const std::vector<std::pair<std::regex, std::string>> kVolatile = {
      {std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)"), "TIME"},
      {std::regex(R"(\b\d{1,2}[:.]\d\d\b)"), "HH:MM"},
      {std::regex(R"(name="csrf" value="[^"]*")"), "CSRF"},
      {std::regex(R"(csrf=[A-Za-z0-9_-]+)"), "CSRF"},
  };
  for (const auto& [pattern, replacement] : kVolatile) {
    page = std::regex_replace(page, pattern, replacement);
  }
  return page;
}

// The pages a respondent, a staff member and a reader see, in order.
std::vector<std::pair<std::string, std::string>> Crawl(int port, const std::string& link,
                                                       const std::string& password) {
  std::vector<std::pair<std::string, std::string>> pages;
  HttpClient respondent(port);
  auto keep = [&](HttpClient& client, const std::string& path) {
    auto reply = client.Get(path);
    pages.emplace_back(path, std::to_string(reply.status) + "\n" + Steady(reply.body));
  };
  respondent.Get(link);
  // The respondent has submitted: their answers, printed, beside their
  // peers'.
  for (std::string path : {"/q/answers", "/q/print", "/q/benchmark", "/q/answers.csv"}) {
    keep(respondent, path);
  }
  HttpClient staff(port);
  std::string csrf = testing::CsrfOf(staff.Get("/admin/login?lang=en").body);
  EXPECT_EQ(staff.Post("/admin/login", "csrf=" + csrf + "&name=admin&password=" + password).status,
            303);
  for (std::string path :
       {"/admin", "/admin/rounds", "/admin/rounds/digimapping-2025",
        "/admin/rounds/digimapping-2025/monitor",
        "/admin/rounds/digimapping-2025/monitor?by=size_class",
        "/admin/rounds/digimapping-2025/invitations", "/admin/audit",
        "/api/v1/rounds/digimapping-2025/monitor",
        "/admin/rounds/digimapping-2025/unanswered.csv", "/admin/contacts", "/admin/forms",
        "/admin/registry", "/admin/users", "/admin/rounds/digimapping-2025/benchmark"}) {
    keep(staff, path);
  }
  HttpClient reader(port);
  for (std::string path : {"/results", "/results/digimapping-2025/v2/fi/index.html",
                           "/api/v1/releases"}) {
    keep(reader, path);
  }
  return pages;
}

// Copies the demo folder `from` to `to` with its database setting changed.
void CopyFolder(const fs::path& from, const fs::path& to, const std::string& database) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("kartla.db") && name != "kartla.db.key") continue;
    fs::copy(entry.path(), to / name, fs::copy_options::recursive);
  }
  std::ifstream in(from / "kartla.toml");
  std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  toml = std::regex_replace(toml, std::regex("database = \"kartla.db\""),
                            "database = \"" + database + "\"\nkey_file = \"kartla.db.key\"");
  std::ofstream(to / "kartla.toml") << toml;
}

TEST(DeploymentTest, TheDemoCopiedToPostgresqlAndBackServesTheSamePages) {
  ASSERT_TRUE(testing::OnPostgres()) << "run under ctest, whose `postgres` fixture starts the server";
  testing::TempDir dir;
  Ran demo = Kartla(dir.path(), "demo --setup-only --dir demo");
  ASSERT_EQ(demo.status, 0) << demo.output;
  std::string password = Find(demo.output, R"(as admin with the password (\S+))");
  std::string link = Find(demo.output, R"(organisation 005\): http://[^/]+(/r/\S+))");
  ASSERT_FALSE(password.empty()) << demo.output;
  ASSERT_FALSE(link.empty()) << demo.output;
  const fs::path sqlite = dir.path() / "demo";

  // To PostgreSQL, and from there to a new SQLite file.
  std::string url = testing::TestDatabase(dir.path());
  Ran there = Kartla(sqlite, "db copy --to '" + url + "'");
  ASSERT_EQ(there.status, 0) << there.output;
  EXPECT_TRUE(Has(there.output, "answers")) << there.output;
  EXPECT_TRUE(Has(there.output, "content hash agree")) << there.output;
  CopyFolder(sqlite, dir.path() / "pg", url);
  Ran back = Kartla(dir.path() / "pg", "db copy --to back.db");
  ASSERT_EQ(back.status, 0) << back.output;
  CopyFolder(sqlite, dir.path() / "back", "back.db");
  fs::rename(dir.path() / "pg" / "back.db", dir.path() / "back" / "back.db");

  // The same content, by the fingerprint's reckoning.
  Ran original = Kartla(sqlite, "db fingerprint");
  EXPECT_EQ(Kartla(dir.path() / "pg", "db fingerprint").output, original.output);
  EXPECT_EQ(Kartla(dir.path() / "back", "db fingerprint").output, original.output);
  EXPECT_TRUE(Has(original.output, "26 tables")) << original.output;

  // A second copy into the now non-empty PostgreSQL database is refused and
  // changes nothing.
  Ran again = Kartla(sqlite, "db copy --to '" + url + "'");
  EXPECT_EQ(again.status, 5) << again.output;
  EXPECT_TRUE(Has(again.output, "already holds data")) << again.output;
  EXPECT_EQ(Kartla(dir.path() / "pg", "db fingerprint").output, original.output);

  // Served, each gives the same pages.
  std::vector<std::vector<std::pair<std::string, std::string>>> crawls;
  int port = 18600 + int(getpid() % 500) * 3;
  for (const fs::path& folder : {sqlite, dir.path() / "pg", dir.path() / "back"}) {
    pid_t server = testing::StartServer(kKartla, folder.string(), port);
    crawls.push_back(Crawl(port, link, password));
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
    ++port;
  }
  ASSERT_EQ(crawls[0].size(), crawls[1].size());
  for (size_t i = 0; i < crawls[0].size(); ++i) {
    const auto& [path, page] = crawls[0][i];
    EXPECT_TRUE(page.starts_with("200\n")) << path << ": " << page.substr(0, 300);
    EXPECT_EQ(crawls[1][i].second, page) << path << " differs on PostgreSQL";
    EXPECT_EQ(crawls[2][i].second, page) << path << " differs after the copy back";
  }
}

}  // namespace
}  // namespace kartla
