// The cost of one questionnaire page in the handler, without the network:
// a GET of page 1 (read the session and answers, build the view, render)
// and a POST of it (check and save durably).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/app.h"
#include "app/example_round.h"
#include "app/web_wiring.h"
#include "web/web_app.h"

namespace kartla {
namespace {

struct Fixture {
  Fixture() {
    dir = std::filesystem::temp_directory_path() / "kartla-page-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Config config;
    config.database = (dir / "kartla.db").string();
    app = std::move(App::Open(config, clock, true)).value();
    (void)app->registry().LoadBuiltin("fi-2025", std::nullopt);
    (void)CreateExampleRound(*app);
    auto issued = app->invitations().Create(
        {"digimapping-2025", "ict_management", "091", Lang::kFi});
    handler = web::MakeWebHandler(WebServicesOf(*app), {}).handle;
    web::HttpRequest link;
    link.path = "/r/" + issued->token;
    web::HttpResponse opened = handler(link);
    std::string cookie = opened.Get("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    get.path = "/q/page/1";
    get.headers["cookie"] = cookie;
    web::HttpResponse page = handler(get);
    size_t at = page.body.find("name=\"csrf\" value=\"") + 19;
    std::string csrf = page.body.substr(at, page.body.find('"', at) - at);
    post = get;
    post.method = web::Method::kPost;
    post.headers["content-type"] = "application/x-www-form-urlencoded";
    post.body = "csrf=" + csrf +
                "&arrangement_1=own&arrangement_2=own&arrangement_3=own"
                "&ict_responsible=yes&main_provider=own_unit&maturity=3"
                "&comments_2=bench&go=next";
  }
  ~Fixture() {
    app.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
  SystemClock clock;
  std::unique_ptr<App> app;
  web::Handler handler;
  web::HttpRequest get, post;
};

Fixture& Shared() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

void BM_PageGet(benchmark::State& state) {
  Fixture& f = Shared();
  size_t bytes = 0;
  for (auto _ : state) {
    web::HttpRequest request = f.get;
    web::HttpResponse response = f.handler(request);
    bytes = response.body.size();
    benchmark::DoNotOptimize(response);
  }
  state.counters["bytes"] = double(bytes);
}
BENCHMARK(BM_PageGet)->Unit(benchmark::kMicrosecond);

void BM_PagePost(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    web::HttpRequest request = f.post;
    web::HttpResponse response = f.handler(request);
    if (response.status != 303) state.SkipWithError("the page was not saved");
  }
}
BENCHMARK(BM_PagePost)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kartla

BENCHMARK_MAIN();
