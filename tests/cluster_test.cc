// Several servers, one database, under faults: three `kartla serve` on the
// test PostgreSQL server, behind nginx configured with deploy/nginx/
// kartla-proxy.conf; 64 respondents save pages through nginx while one server
// is killed with SIGKILL and restarted. Every acknowledged page is stored, and
// a respondent meets an error only for a request the killed server held.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/saving_respondents.h"
#include "tests/support/server_process.h"
#include "tests/support/smtp_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace kartla {
namespace {

namespace fs = std::filesystem;
using testing::CsrfOf;
using testing::HttpClient;
using testing::RunCommand;

constexpr int kClients = 64;
constexpr int kServers = 3;

// nginx in `dir`, listening on `port`, balancing over `servers` with the
// shipped proxy settings. Stopped when destroyed.
class Nginx {
 public:
  Nginx(const fs::path& dir, int port, const std::vector<int>& servers) : dir_(dir) {
    fs::create_directories(dir / "logs");
    std::ofstream conf(dir / "nginx.conf");
    conf << "user root;\nworker_processes 2;\nerror_log " << (dir / "logs/error.log").string()
         << ";\npid " << (dir / "nginx.pid").string()
         << ";\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n"
         << "  client_body_temp_path " << (dir / "body").string() << ";\n"
         << "  proxy_temp_path " << (dir / "proxy").string() << ";\n"
         << "  upstream kartla {\n";
    for (int server : servers) {
      conf << "    server 127.0.0.1:" << server << " max_fails=1 fail_timeout=2s;\n";
    }
    conf << "  }\n  server {\n    listen 127.0.0.1:" << port << ";\n"
         << "    location / {\n      proxy_pass http://kartla;\n      include "
         << KARTLA_SOURCE_DIR << "/deploy/nginx/kartla-proxy.conf;\n    }\n  }\n}\n";
    conf.close();
    std::string started = RunCommand("nginx -p '" + dir.string() + "' -c nginx.conf 2>&1");
    EXPECT_TRUE(started.empty()) << started;
    for (int i = 0; i < 100; ++i) {
      try {
        HttpClient(port).Get("/results");
        break;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }
  ~Nginx() { RunCommand("nginx -p '" + dir_.string() + "' -c nginx.conf -s stop 2>&1"); }

 private:
  fs::path dir_;
};

TEST(ClusterTest, ThreeServersBehindNginxLoseNoAcknowledgedPageWhenOneIsKilled) {
  ASSERT_TRUE(testing::OnPostgres()) << "run under ctest, whose `postgres` fixture starts the server";
  testing::TempDir dir;
  const fs::path folder = dir.path() / "demo";
  const int base = 22000 + int(getpid() % 400) * 5;
  // The demo's database moved to PostgreSQL; the servers share it, the key
  // and the releases folder; 64 organisations, each with its own link.
  std::vector<std::string> tokens =
      testing::SetUpFieldwork(KARTLA_BINARY, folder, testing::TestDatabase(dir.path()), kClients,
                              "[server]\ntrusted_proxies = [\"127.0.0.1\"]\n");
  ASSERT_EQ(tokens.size(), size_t(kClients));

  std::vector<int> ports;
  std::vector<pid_t> servers;
  for (int s = 0; s < kServers; ++s) {
    ports.push_back(base + 1 + s);
    servers.push_back(testing::StartServer(KARTLA_BINARY, folder.string(), ports.back()));
  }
  const int front = base;
  Nginx nginx(dir.path() / "nginx", front, ports);

  testing::SavingRespondents respondents(front, tokens, /*go_on=*/true);
  respondents.WaitFor(600);
  ASSERT_GE(respondents.acknowledged(), 600) << "the clients could not save pages";
  kill(servers[1], SIGKILL);
  waitpid(servers[1], nullptr, 0);
  int at_kill = respondents.acknowledged();
  // The other two go on serving everyone; then the killed one comes back.
  respondents.WaitFor(at_kill + 600);
  servers[1] = testing::StartServer(KARTLA_BINARY, folder.string(), ports[1]);
  respondents.WaitFor(respondents.acknowledged() + 600);
  respondents.Stop();
  int total_errors = 0;
  for (int c = 0; c < kClients; ++c) {
    total_errors += respondents.errors(c);
    // One request at most was held by the killed server.
    EXPECT_LE(respondents.errors(c), 1) << "client " << c << ": " << respondents.first_error(c);
  }
  std::map<std::string, int> kinds;
  for (int c = 0; c < kClients; ++c) {
    const std::string& error = respondents.first_error(c);
    if (error.empty()) continue;
    ++kinds[error];
    // nginx's answer for a request the killed server held, and nothing else.
    EXPECT_EQ(error, "502");
  }
  std::cout << respondents.acknowledged() << " saves acknowledged (" << at_kill << " before SIGKILL), "
            << total_errors << " requests failed:";
  for (const auto& [kind, count] : kinds) std::cout << " " << count << " × " << kind << ";";
  std::cout << "\n";

  for (int c = 0; c < kClients; ++c) {
    ASSERT_GE(respondents.last_ok(c), 0) << "client " << c << " saved nothing";
    HttpClient client(front);
    client.Get("/r/" + tokens[c]);
    // The acknowledged save (the last request of each client succeeded or
    // failed; a failed one may have been stored too).
    EXPECT_TRUE(testing::SavingRespondents::Shows(client.Get("/q/review").body, c,
                                                  respondents.last_ok(c)))
        << "client " << c << " lost save " << respondents.last_ok(c);
  }

  // A release published while the servers run is served by each of them
  // from the shared releases folder, the same bytes. (Published from a
  // demo that has submitted answers: these respondents only saved drafts,
  // and a release of no table is refused.)
  const fs::path answered = dir.path() / "answered";
  std::string demo = RunCommand(std::string(KARTLA_BINARY) + " demo --setup-only --dir '" +
                                answered.string() + "' 2>&1");
  ASSERT_NE(demo.find("Published stage 1"), std::string::npos) << demo;
  std::string published = RunCommand("cd '" + answered.string() + "' && " + KARTLA_BINARY +
                                     " publish digimapping-2025 --stage 1 --out '" +
                                     (folder / "results").string() + "' 2>&1");
  ASSERT_NE(published.find("as version 1"), std::string::npos) << published;
  std::string first;
  for (int port : ports) {
    for (const char* page : {"/results/digimapping-2025/v1/en/", "/results"}) {
      auto reply = HttpClient(port).Get(page);
      EXPECT_EQ(reply.status, 200) << "server on " << port << ": " << page;
      if (std::string(page) == "/results") {
        EXPECT_NE(reply.body.find("digimapping-2025/v1"), std::string::npos) << port;
      } else if (first.empty()) {
        first = reply.body;
      } else {
        EXPECT_EQ(reply.body, first) << "server on " << port << " serves another release";
      }
    }
  }
  for (pid_t server : servers) {
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
  }
}

// 64 clients save pages while `kartla backup` runs; the backup restored
// into a new SQLite file holds, for each client, the save acknowledged
// before the backup began or a later one.
void BackupUnderLoad(const std::string& url) {
  testing::TempDir dir;
  const fs::path folder = dir.path() / "demo";
  std::vector<std::string> tokens = testing::SetUpFieldwork(KARTLA_BINARY, folder, url, kClients);
  ASSERT_EQ(tokens.size(), size_t(kClients));
  const int port = 23000 + int(getpid() % 400) * 3 + (url.empty() ? 0 : 1);
  pid_t server = testing::StartServer(KARTLA_BINARY, folder.string(), port);
  testing::SavingRespondents respondents(port, tokens, /*go_on=*/false);
  respondents.WaitFor(640, 60);
  ASSERT_GE(respondents.acknowledged(), 640) << "the clients could not save pages";
  std::vector<int> before(kClients);
  for (int c = 0; c < kClients; ++c) before[c] = respondents.last_ok(c);
  int at_start = respondents.acknowledged();
  std::string backup = RunCommand("cd '" + folder.string() + "' && " + KARTLA_BINARY +
                                  " backup '" + (dir.path() / "backup.db").string() + "' 2>&1");
  int at_end = respondents.acknowledged();
  respondents.Stop();
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
  ASSERT_NE(backup.find("Backed up"), std::string::npos) << backup;
  std::cout << (url.empty() ? "SQLite" : "PostgreSQL") << ": the backup ran while "
            << at_end - at_start << " saves were acknowledged\n";

  // Restored into a new database, served from a folder of its own.
  const fs::path restored = dir.path() / "restored";
  fs::create_directories(restored);
  fs::copy(folder / "kartla.db.key", restored / "kartla.db.key");
  std::ofstream(restored / "kartla.toml") << "key_file = \"kartla.db.key\"\n[mail]\nsend = false\n";
  std::string restore = RunCommand("cd '" + restored.string() + "' && " + KARTLA_BINARY +
                                   " restore ../backup.db 2>&1");
  ASSERT_NE(restore.find("Restored"), std::string::npos) << restore;
  server = testing::StartServer(KARTLA_BINARY, restored.string(), port);
  for (int c = 0; c < kClients; ++c) {
    HttpClient client(port);
    client.Get("/r/" + tokens[c]);
    std::string review = client.Get("/q/review").body;
    std::smatch saved;
    ASSERT_TRUE(std::regex_search(review, saved, std::regex(">c" + std::to_string(c) + "-([0-9]+)<")))
        << "client " << c << ": nothing restored";
    EXPECT_GE(std::stoi(saved[1].str()), before[c])
        << "client " << c << ": the save acknowledged before the backup is missing";
  }
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
}

TEST(BackupTest, ABackupTakenWhileSixtyFourClientsWriteRestoresEveryAcknowledgedPageSqlite) {
  BackupUnderLoad("");
}

TEST(BackupTest, ABackupTakenWhileSixtyFourClientsWriteRestoresEveryAcknowledgedPagePostgresql) {
  ASSERT_TRUE(testing::OnPostgres()) << "run under ctest, whose `postgres` fixture starts the server";
  testing::TempDir dir;
  BackupUnderLoad(testing::TestDatabase(dir.path()));
}

// Waits until `smtp` has `count` messages, or for `seconds`, or, if
// `settle`, until none arrives for two seconds.
void AwaitMail(const testing::SmtpServer& smtp, size_t count, int seconds, bool settle = false) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  size_t last = smtp.Count();
  auto last_change = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < deadline) {
    size_t now = smtp.Count();
    if (now >= count) return;
    if (now != last) {
      last = now;
      last_change = std::chrono::steady_clock::now();
    } else if (settle && std::chrono::steady_clock::now() - last_change > std::chrono::seconds(2)) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TEST(ClusterTest, ThreeServersSendAnOutboxOfFiveThousandOnceEachWhileOneIsKilled) {
  ASSERT_TRUE(testing::OnPostgres()) << "run under ctest, whose `postgres` fixture starts the server";
  testing::TempDir dir;
  const fs::path folder = dir.path() / "round";
  fs::create_directories(folder);
  const int base = 24000 + int(getpid() % 400) * 5;
  const int smtp_port = base + 4;
  std::string url = testing::TestDatabase(dir.path());
  std::ofstream(folder / "kartla.toml")
      << "database = \"" << url << "\"\nkey_file = \"kartla.key\"\n[mail]\nport = " << smtp_port
      << "\nsecurity = \"none\"\nper_minute = 100000\n";
  std::string kartla = "cd '" + folder.string() + "' && " + KARTLA_BINARY;
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
  // Ten contacts in each of two target groups for each of 250
  // municipalities: 5,000 messages.
  std::string listed = RunCommand(kartla + " registry list 2>&1");
  std::vector<std::string> codes;
  std::regex code_line("\n([0-9]{3}) ");
  for (auto it = std::sregex_iterator(listed.begin(), listed.end(), code_line);
       it != std::sregex_iterator() && codes.size() < 250; ++it) {
    codes.push_back((*it)[1].str());
  }
  ASSERT_EQ(codes.size(), 250u) << listed;
  {
    std::ofstream csv(folder / "contacts.csv");
    csv << "organisation,name,email,role\n";
    for (const std::string& code : codes) {
      for (int person = 0; person < 10; ++person) {
        csv << code << ",Johtaja " << code << "-" << person << ",kj" << code << "-" << person
            << "@kunta.example,chief_executives\n"
            << code << ",Tietohallinto " << code << "-" << person << ",it" << code << "-"
            << person << "@kunta.example,ict_management\n";
      }
    }
  }
  std::string queued = RunCommand(
      kartla + " contacts import contacts.csv && " + kartla +
      " invite send digimapping-2025 --target-group chief_executives && " + kartla +
      " invite send digimapping-2025 --target-group ict_management 2>&1");
  ASSERT_NE(queued.find("Queued 2500 invitations to ict_management"), std::string::npos) << queued;

  testing::SmtpServer smtp(dir.path(), smtp_port);
  std::vector<pid_t> servers;
  for (int s = 0; s < kServers; ++s) {
    servers.push_back(testing::StartServer(KARTLA_BINARY, folder.string(), base + s));
  }
  AwaitMail(smtp, 1500, 120);
  kill(servers[1], SIGKILL);
  waitpid(servers[1], nullptr, 0);
  size_t at_kill = smtp.Count();
  ASSERT_GE(at_kill, 1500u) << "the servers did not send";
  ASSERT_LT(at_kill, 5000u) << "all were sent before the kill";
  // The other two send the rest, but for what the killed one had claimed.
  AwaitMail(smtp, 5000, 300, /*settle=*/true);
  size_t by_two = smtp.Count();
  for (pid_t server : {servers[0], servers[2]}) {
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
  }
  // Alone, a server sends at once what a stopped one had claimed.
  pid_t alone = testing::StartServer(KARTLA_BINARY, folder.string(), base);
  AwaitMail(smtp, 5000, 120);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // time for a duplicate to arrive
  kill(alone, SIGTERM);
  waitpid(alone, nullptr, 0);

  std::map<std::string, int> seen;
  for (const std::string& message : smtp.Messages()) ++seen[testing::MessageIdOf(message)];
  EXPECT_EQ(seen.size(), 5000u) << "distinct messages delivered";
  // The one window for a duplicate (docs/deployment.md): the killed server
  // had its message accepted but not yet recorded as sent.
  int twice = 0;
  for (const auto& [id, count] : seen) {
    EXPECT_FALSE(id.empty()) << "a message without a Message-ID";
    EXPECT_LE(count, 2) << id << " delivered " << count << " times";
    if (count == 2) ++twice;
  }
  EXPECT_LE(twice, 1);
  std::cout << at_kill << " messages delivered before SIGKILL, " << by_two
            << " when the other two had done, " << smtp.Count() << " in all; " << twice
            << " delivered twice\n";
}

}  // namespace
}  // namespace kartla
