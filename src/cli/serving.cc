#include "cli/serving.h"

#include <signal.h>

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "fieldwork/outbox_worker.h"
#include "app/web_wiring.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace kartla::cli {
namespace {

// The server logs a line per request. Written through to standard output
// and flushed each time, that is a system call per request; buffered, it
// is one per few kilobytes. Warnings and errors are flushed at once, the
// rest at least every second and when the server stops.
class BufferedLog {
 public:
  BufferedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout, false);
    auto logger = std::make_shared<spdlog::logger>(previous_->name(), sink);
    logger->set_level(previous_->level());
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(1));
  }
  ~BufferedLog() {
    spdlog::default_logger()->flush();
    spdlog::set_default_logger(previous_);
  }
  void Flush() { spdlog::default_logger()->flush(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
};

// Erases the rounds whose day of erasure has come (App::RunRetention): when
// the server starts and every hour while it runs, so that a round's
// personal data ends on its day whether or not mail is sent.
class RetentionRunner {
 public:
  explicit RetentionRunner(App& app) : app_(app), thread_([this] { Run(); }) {}
  ~RetentionRunner() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    stop_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        app_.RunRetention();
      } catch (const std::exception& e) {
        spdlog::error("retention: {}", e.what());
      }
      lock.lock();
      stop_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; });
    }
  }

  App& app_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace

Status ServeUntilSignal(App& app, int port, const std::function<void(int)>& ready) {
  // Block the signals in every thread, so that only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  BufferedLog log;
  const Config& config = app.config();
  web::WebServices services = WebServicesOf(app);
  web::WebOptions web_options;
  web_options.secure_cookies = config.server.secure_cookies || config.Https();
  web_options.hsts = config.Https();
  web_options.trusted_proxies = config.server.trusted_proxies;
  web_options.results_folder = config.results;
  web_options.time_zone = config.time_zone;
  web::ServerOptions options;
  options.address = config.server.address;
  options.port = port != 0 ? port : config.server.port;
  std::unique_ptr<fieldwork::SenderLock> sender;
  std::unique_ptr<fieldwork::OutboxWorker> outbox;
  if (config.mail.send) {
    sender = app.JoinSenders();
    outbox = std::make_unique<fieldwork::OutboxWorker>(app.mailing(),
                                                       app.MakeMailTransport());
    spdlog::info("sending mail through {}:{}", config.mail.host, config.mail.port);
  }
  RetentionRunner retention(app);
  web::AdminServices admin = AdminServicesOf(app, [&outbox] {
    if (outbox) outbox->Wake();
  });
  auto server =
      web::StartHttpServer(options, web::MakeWebHandler(services, web_options, &admin));
  if (!server.ok()) return server.status();
  spdlog::info("serving on http://{}:{}/", options.address, (*server)->port());
  log.Flush();
  ready((*server)->port());
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("{}: finishing the requests in flight", strsignal(received));
  (*server)->Shutdown();
  outbox.reset();
  return Status::Ok();
}

}  // namespace kartla::cli
