// Drives complete responses to the ICT management questionnaire against a
// running `kartla serve`, as respondents' browsers do: each of CLIENTS
// concurrent respondents keeps one connection open and, link after link,
// follows the invitation link, opens the start page, fills in and saves
// both pages, reviews and submits, and reads the receipt (ten requests, four
// of them durable writes). Reports completed responses per second and the
// latency of each kind of request. bench/responses_bench sets it up.
//
// Usage: responses_client PORT LINKS_FILE [CLIENTS] [SECONDS]
//   LINKS_FILE: one invitation token per line.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

struct Reply {
  int status = 0;
  std::string location, cookie, body;
};

// One respondent's browser: a kept-alive connection and a session cookie.
class Browser {
 public:
  explicit Browser(int port) : port_(port), stream_(io_) {}

  Reply Send(http::verb method, const std::string& target, const std::string& body = "") {
    for (int attempt = 0;; ++attempt) {
      try {
        if (!connected_) {
          boost::asio::ip::tcp::resolver resolver(io_);
          stream_.connect(resolver.resolve("127.0.0.1", std::to_string(port_)));
          connected_ = true;
        }
        http::request<http::string_body> request(method, target, 11);
        request.set(http::field::host, "127.0.0.1");
        request.keep_alive(true);
        if (!cookie_.empty()) request.set(http::field::cookie, cookie_);
        if (method == http::verb::post) {
          request.set(http::field::content_type, "application/x-www-form-urlencoded");
          request.body() = body;
          request.prepare_payload();
        }
        http::write(stream_, request);
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(4 << 20);
        http::read(stream_, buffer, parser);
        auto& response = parser.get();
        Reply reply;
        reply.status = response.result_int();
        reply.location = std::string(response[http::field::location]);
        std::string set = std::string(response[http::field::set_cookie]);
        if (!set.empty()) cookie_ = set.substr(0, set.find(';'));
        reply.body = std::move(response.body());
        if (!response.keep_alive()) Close();
        return reply;
      } catch (const std::exception&) {
        Close();
        if (attempt == 1) throw;
      }
    }
  }

  void NewRespondent() { cookie_.clear(); }

 private:
  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
    connected_ = false;
  }

  int port_;
  boost::asio::io_context io_;
  beast::tcp_stream stream_;
  bool connected_ = false;
  std::string cookie_;
};

std::string CsrfOf(const std::string& page) {
  const std::string mark = "name=\"csrf\" value=\"";
  size_t at = page.find(mark);
  if (at == std::string::npos) return "";
  at += mark.size();
  return page.substr(at, page.find('"', at) - at);
}

// The ten requests of one response, by kind, for the latencies.
enum Kind { kLink, kStart, kPage, kSave, kReview, kSubmit, kReceipt, kKinds };
constexpr const char* kKindNames[] = {"link (GET /r/…, /q)", "start page GET", "page GET",
                                      "page save POST", "review GET", "submit POST",
                                      "receipt GET"};

struct Samples {
  std::vector<double> ms[kKinds];
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, size_t(p / 100 * double(values.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: responses_client PORT LINKS_FILE [CLIENTS] [SECONDS]\n";
    return 2;
  }
  const int port = std::stoi(argv[1]);
  const int clients = argc > 3 ? std::stoi(argv[3]) : 64;
  const double seconds = argc > 4 ? std::stod(argv[4]) : 10;
  std::vector<std::string> tokens;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) tokens.push_back(line);
  }
  const std::string page1 =
      "&go=next&arrangement_1=own&arrangement_2=regional&arrangement_3=bought"
      "&ict_responsible=shared&main_provider=own_unit&maturity=4";
  const std::string page2 =
      "&go=next&operating_costs=900&investments=100&staff_2022=3&staff_2023=3&staff_2024=3"
      "&time_maintenance=50&time_development=20&time_projects=20&time_management=10"
      "&cost_change=same";

  std::atomic<size_t> next{0};
  std::atomic<int> completed{0}, failed{0};
  std::mutex mutex;
  Samples all;
  std::string first_failure;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      Browser browser(port);
      Samples mine;
      while (Clock::now() < deadline) {
        size_t index = next++;
        if (index >= tokens.size()) break;
        browser.NewRespondent();
        auto timed = [&](Kind kind, http::verb method, const std::string& target,
                         int want, const std::string& body = "") {
          auto t0 = Clock::now();
          Reply reply = browser.Send(method, target, body);
          mine.ms[kind].push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
          if (reply.status != want) {
            throw std::runtime_error(fmt::format("{} {} gave {} (wanted {}) {}",
                                                 http::to_string(method), target, reply.status,
                                                 want, reply.location));
          }
          return reply;
        };
        try {
          timed(kLink, http::verb::get, "/r/" + tokens[index], 303);
          timed(kLink, http::verb::get, "/q?opened=1", 303);
          timed(kStart, http::verb::get, "/q/start", 200);
          Reply page = timed(kPage, http::verb::get, "/q/page/1", 200);
          const std::string csrf = "csrf=" + CsrfOf(page.body);
          timed(kSave, http::verb::post, "/q/page/1", 303, csrf + page1);
          timed(kPage, http::verb::get, "/q/page/2", 200);
          Reply saved = timed(kSave, http::verb::post, "/q/page/2", 303, csrf + page2);
          if (saved.location.find("/q/review") == std::string::npos) {
            throw std::runtime_error("page 2 did not lead to the review: " + saved.location);
          }
          timed(kReview, http::verb::get, "/q/review", 200);
          timed(kSubmit, http::verb::post, "/q/submit", 303, csrf);
          timed(kReceipt, http::verb::get, "/q/receipt", 200);
          ++completed;
        } catch (const std::exception& error) {
          ++failed;
          std::lock_guard lock(mutex);
          if (first_failure.empty()) first_failure = error.what();
        }
      }
      std::lock_guard lock(mutex);
      for (int k = 0; k < kKinds; ++k) {
        all.ms[k].insert(all.ms[k].end(), mine.ms[k].begin(), mine.ms[k].end());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> every;
  for (const auto& kind : all.ms) every.insert(every.end(), kind.begin(), kind.end());
  std::cout << fmt::format(
      "{} respondents at once: {} complete responses in {:.1f} s = {:.0f} responses/s "
      "({:.0f} requests/s); {} failed\n",
      clients, completed.load(), elapsed, completed / elapsed, double(every.size()) / elapsed,
      failed.load());
  std::cout << fmt::format("  {:24} p50 {:7.2f} ms  p99 {:7.2f} ms\n", "every request",
                           Percentile(every, 50), Percentile(every, 99));
  for (int k = 0; k < kKinds; ++k) {
    std::cout << fmt::format("  {:24} p50 {:7.2f} ms  p99 {:7.2f} ms  ({} requests)\n",
                             kKindNames[k], Percentile(all.ms[k], 50),
                             Percentile(all.ms[k], 99), all.ms[k].size());
  }
  if (!first_failure.empty()) std::cout << "  first failure: " << first_failure << "\n";
  std::cout << "COMPLETED " << completed.load() << "\n";
  return failed > 0 ? 1 : 0;
}
