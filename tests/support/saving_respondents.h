// Fieldwork for the tests that run the real server as a process and load
// it: a demo folder with invited organisations (on SQLite or moved to the
// test PostgreSQL database), and respondents who save page 1 of the ICT
// questionnaire again and again, each save's comment naming client and save
// ("c7-42"), so that what was stored can be checked after a fault.
#ifndef KARTLA_TESTS_SUPPORT_SAVING_RESPONDENTS_H_
#define KARTLA_TESTS_SUPPORT_SAVING_RESPONDENTS_H_

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace kartla::testing {

// Sets up the demo's fieldwork in `folder` with `program` (the kartla
// binary): moved to the database `url` unless it is empty (then the demo's
// SQLite file stays), `toml` appended to its kartla.toml, and the ICT
// managers of the first `count` organisations invited. Returns their links'
// tokens.
inline std::vector<std::string> SetUpFieldwork(const std::string& program,
                                               const std::filesystem::path& folder,
                                               const std::string& url, int count,
                                               const std::string& toml = "") {
  namespace fs = std::filesystem;
  const std::string kartla = "cd '" + folder.string() + "' && " + program;
  std::string setup = RunCommand(program + " demo --setup-only --fieldwork-only --dir '" +
                                 folder.string() + "' 2>&1");
  EXPECT_NE(setup.find("Created the round"), std::string::npos) << setup;
  if (!url.empty()) {
    std::string copied = RunCommand(kartla + " db copy --to '" + url + "' 2>&1");
    EXPECT_NE(copied.find("content hash agree"), std::string::npos) << copied;
    std::ofstream(folder / "kartla.toml")
        << "database = \"" << url << "\"\nkey_file = \"kartla.db.key\"\n[mail]\nsend = false\n";
    fs::remove(folder / "kartla.db");
  }
  if (!toml.empty()) std::ofstream(folder / "kartla.toml", std::ios::app) << "\n" << toml;
  std::string listed = RunCommand(kartla + " registry list 2>&1");
  std::string orgs;
  std::regex code_line("\n([0-9]{3}) ");
  int n = 0;
  for (auto it = std::sregex_iterator(listed.begin(), listed.end(), code_line);
       it != std::sregex_iterator() && n < count; ++it, ++n) {
    orgs += " --org " + (*it)[1].str();
  }
  std::string invited = RunCommand(kartla + " invite create digimapping-2025 --target-group "
                                   "ict_management" + orgs + " 2>&1");
  std::vector<std::string> tokens;
  std::regex link("/r/([A-Za-z0-9_-]+)");
  for (auto it = std::sregex_iterator(invited.begin(), invited.end(), link);
       it != std::sregex_iterator(); ++it) {
    tokens.push_back((*it)[1].str());
  }
  EXPECT_EQ(tokens.size(), size_t(count)) << invited;
  return tokens;
}

// Page 1 of the ICT questionnaire, valid, with `comment` as its comment.
inline std::string PageOne(const std::string& csrf, const std::string& comment) {
  return "csrf=" + csrf +
         "&arrangement_1=own&arrangement_2=own&arrangement_3=own"
         "&ict_responsible=yes&main_provider=own_unit&maturity=3&comments_2=" +
         comment + "&go=next";
}

// A respondent per token, each in a thread of its own on a connection of
// its own to `port`, saving page 1 until stopped. With `go_on`, a failed
// request (an error status, a dropped connection) is counted and the
// respondent goes on; without, the respondent stops at the first.
class SavingRespondents {
 public:
  SavingRespondents(int port, const std::vector<std::string>& tokens, bool go_on)
      : count_(tokens.size()),
        last_ok_(std::make_unique<std::atomic<int>[]>(count_)),
        errors_(count_, 0),
        first_error_(count_) {
    for (size_t c = 0; c < count_; ++c) last_ok_[c] = -1;
    for (size_t c = 0; c < count_; ++c) {
      threads_.emplace_back([this, port, go_on, c, token = tokens[c]] {
        Run(port, token, go_on, c);
      });
    }
  }
  ~SavingRespondents() { Stop(); }

  // Waits until `count` saves in all were acknowledged, or `seconds` passed.
  void WaitFor(int count, int seconds = 90) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (acknowledged_ < count && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  // Stops the respondents and waits for their threads.
  void Stop() {
    stop_ = true;
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

  int acknowledged() const { return acknowledged_; }
  // Respondent c's last acknowledged save (-1: none).
  int last_ok(size_t c) const { return last_ok_[c]; }
  // After Stop: respondent c's failed requests, and what the first was.
  int errors(size_t c) const { return errors_[c]; }
  const std::string& first_error(size_t c) const { return first_error_[c]; }

  // Whether `review` (respondent c's review page) shows save `save` or the
  // one after it (in flight when the acknowledgements stopped).
  static bool Shows(const std::string& review, size_t c, int save) {
    auto comment = [c](int n) { return ">c" + std::to_string(c) + "-" + std::to_string(n) + "<"; };
    return review.find(comment(save)) != std::string::npos ||
           review.find(comment(save + 1)) != std::string::npos;
  }

 private:
  void Run(int port, const std::string& token, bool go_on, size_t c) {
    auto fail = [&](const std::string& what) {
      ++errors_[c];
      if (first_error_[c].empty()) first_error_[c] = what;
    };
    std::string csrf;
    std::unique_ptr<HttpClient> client;
    for (int attempt = 0; attempt < (go_on ? 20 : 1) && csrf.empty(); ++attempt) {
      try {
        client = std::make_unique<HttpClient>(port);
        client->Get("/r/" + token);
        csrf = CsrfOf(client->Get("/q/page/1").body);
      } catch (const std::exception&) {
      }
    }
    if (csrf.empty()) return fail("never reached the questionnaire");
    for (int save = 0; !stop_; ++save) {
      try {
        auto reply = client->Post(
            "/q/page/1", PageOne(csrf, "c" + std::to_string(c) + "-" + std::to_string(save)));
        if (reply.status == 303) {
          last_ok_[c] = save;
          ++acknowledged_;
          continue;
        }
        fail(std::to_string(reply.status));
      } catch (const std::exception& e) {
        // The server died mid-request: this save was never acknowledged.
        fail(e.what());
      }
      if (!go_on) return;
    }
  }

  const size_t count_;
  std::atomic<bool> stop_{false};
  std::atomic<int> acknowledged_{0};
  std::unique_ptr<std::atomic<int>[]> last_ok_;
  std::vector<int> errors_;               // each written by its respondent only
  std::vector<std::string> first_error_;  // the same
  std::vector<std::thread> threads_;
};

// The Message-ID of a delivered message ("kartla-17@..."), or "".
inline std::string MessageIdOf(const std::string& message) {
  std::smatch match;
  static const std::regex id("\nMessage-I[Dd]: <([^>]+)>");
  return std::regex_search(message, match, id) ? match[1].str() : "";
}

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_SAVING_RESPONDENTS_H_
