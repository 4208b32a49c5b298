#include "web/http_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/no_waiting.h"
#include "core/text.h"

namespace kartla::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

Method MethodOf(http::verb verb) {
  switch (verb) {
    case http::verb::get: return Method::kGet;
    case http::verb::head: return Method::kHead;
    case http::verb::post: return Method::kPost;
    default: return Method::kOther;
  }
}

HttpResponse PlainError(int status, std::string_view message) {
  HttpResponse response = HttpResponse::Text(status, std::string(message) + "\n");
  return response;
}

class Server;

// One client connection: reads requests one after another (keep-alive),
// hands each to the worker pool and writes its response.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server& server);
  void Start() { Read(); }

 private:
  void Read();
  void OnRead(beast::error_code error, size_t bytes);
  // `dispatched`: the response comes from the worker pool (which counts it).
  void Respond(HttpResponse response, bool keep_alive, bool head,
               bool dispatched);
  void OnWrite(bool close, beast::error_code error, size_t bytes);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  Server& server_;
  std::string remote_;
  int served_ = 0;
};

class Server final : public HttpServer {
 public:
  Server(const ServerOptions& options, Site site)
      : options_(options),
        handler_(std::move(site.handle)),
        get_writes_(std::move(site.get_writes)),
        acceptor_(contexts_.emplace_back(std::make_unique<asio::io_context>(1))->get_executor()),
        workers_(size_t(std::max(1, options.worker_threads))) {
    for (int i = 1; i < std::max(1, options.io_threads); ++i) {
      contexts_.push_back(std::make_unique<asio::io_context>(1));
    }
  }

  ~Server() override {
    Shutdown();
    Wait();
  }

  Status Listen() {
    beast::error_code error;
    auto address = asio::ip::make_address(options_.address, error);
    if (error) {
      return Status::FailedPrecondition(
          fmt::format("\"{}\" is not an IP address", options_.address));
    }
    tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Status::FailedPrecondition(fmt::format(
          "cannot listen on {}:{}: {}", options_.address, options_.port,
          error.message()));
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (auto& context : contexts_) {
      guards_.emplace_back(asio::make_work_guard(*context));
      threads_.emplace_back([&context] { context->run(); });
    }
    return Status::Ok();
  }

  int port() const override { return port_; }

  void Shutdown() override {
    bool expected = false;
    if (!stopping_.compare_exchange_strong(expected, true)) return;
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    // Wait for requests in flight: their handlers run to the end, so what
    // they acknowledged is durable, and their responses are written.
    {
      std::unique_lock lock(mutex_);
      idle_.wait_for(lock, std::chrono::seconds(30),
                     [this] { return in_flight_ == 0; });
    }
    workers_.join();
    guards_.clear();
    for (auto& context : contexts_) context->stop();
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    std::lock_guard lock(mutex_);
    stopped_ = true;
    idle_.notify_all();
  }

  void Wait() override {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return stopped_; });
  }

  const ServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_; }

  // Runs the handler and calls `done` with the response. GET and HEAD run
  // at once on the calling I/O thread (they only read, quickly) unless the
  // site says they may write; other methods, which may wait for a durable
  // write, run on a worker.
  void Dispatch(std::shared_ptr<HttpRequest> request,
                std::function<void(HttpResponse)> done) {
    ++in_flight_;
    auto run = [this, request, done = std::move(done)] {
      HttpResponse response;
      try {
        response = handler_(*request);
      } catch (const std::exception& e) {
        spdlog::error("unhandled error in {}: {}", EscapeControls(request->path), e.what());
        response = PlainError(500, "Internal server error");
      }
      done(std::move(response));
    };
    bool reads = request->method == Method::kGet || request->method == Method::kHead;
    GetWrites writes = reads && get_writes_ ? get_writes_(*request) : GetWrites::kNo;
    if (reads && writes == GetWrites::kRarely) {
      run();
    } else if (reads && writes == GetWrites::kNo) {
      NoWaitingHere io_thread;
      run();
    } else {
      asio::post(workers_, std::move(run));
    }
  }

  // Called when a dispatched response has been written (or failed).
  void Finished() {
    if (--in_flight_ != 0) return;
    std::lock_guard lock(mutex_);
    idle_.notify_all();
  }

 private:
  // Each I/O thread runs an io_context of its own, and each connection
  // lives on one of them, in turn: a connection's handlers never run at
  // once (no strand needed), and the threads do not wake one another.
  void Accept() {
    asio::io_context& next = *contexts_[accepted_++ % contexts_.size()];
    acceptor_.async_accept(
        next, [this](beast::error_code error, tcp::socket socket) {
          if (error) {
            if (!acceptor_.is_open()) return;
          } else {
            std::make_shared<Connection>(std::move(socket), *this)->Start();
          }
          Accept();
        });
  }

  const ServerOptions options_;
  const Handler handler_;
  const std::function<GetWrites(const HttpRequest&)> get_writes_;
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
  size_t accepted_ = 0;  // on the acceptor's thread only
  tcp::acceptor acceptor_;
  asio::thread_pool workers_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable idle_;
  std::atomic<int> in_flight_{0};  // notified under mutex_
  bool stopped_ = false;  // guarded by mutex_
};

Connection::Connection(tcp::socket socket, Server& server)
    : stream_(std::move(socket)), server_(server) {
  beast::error_code error;
  auto endpoint = stream_.socket().remote_endpoint(error);
  if (!error) remote_ = endpoint.address().to_string();
}

void Connection::Read() {
  parser_.emplace();
  parser_->body_limit(server_.options().body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(server_.options().header_limit));
  stream_.expires_after(server_.options().read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Connection::OnRead,
                                             shared_from_this()));
}

void Connection::OnRead(beast::error_code error, size_t) {
  if (error == http::error::end_of_stream || error == beast::error::timeout ||
      error == asio::error::operation_aborted ||
      error == asio::error::connection_reset || error == asio::error::eof) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  if (error) {
    int status = 400;
    std::string message = "Bad request: " + error.message();
    if (error == http::error::body_limit) {
      status = 413;
      message = "The request is too large";
    } else if (error == http::error::header_limit) {
      status = 431;
      message = "The request's headers are too large";
    }
    Respond(PlainError(status, message), false, false, false);
    return;
  }
  auto& message = parser_->get();
  auto request = std::make_shared<HttpRequest>();
  request->method = MethodOf(message.method());
  request->target = std::string(message.target());
  request->remote_address = remote_;
  for (const auto& field : message) {
    request->headers[AsciiLower(std::string_view(field.name_string()))] =
        std::string(field.value());
  }
  request->body = std::move(message.body());
  bool keep_alive = message.keep_alive() && !server_.stopping() &&
                    ++served_ < server_.options().keep_alive_requests;
  bool head = request->method == Method::kHead;
  Status target = ParseTarget(request->target, request->path, request->query);
  if (!target.ok()) {
    Respond(PlainError(400, "Bad request: " + target.message()), false, false,
            false);
    return;
  }
  stream_.expires_never();
  auto self = shared_from_this();
  // A GET's response comes on this connection's thread and is written at
  // once; a worker's is posted to it.
  server_.Dispatch(request, [self, keep_alive, head](HttpResponse response) {
    asio::dispatch(self->stream_.get_executor(),
               [self, keep_alive, head, response = std::move(response)]() mutable {
                 self->Respond(std::move(response), keep_alive, head, true);
               });
  });
}

// A response is sent only if every header is well formed: a line break in
// a value would end the header and start another (response splitting).
// Such a response is a defect of ours; the client gets a 500 instead.
HttpResponse Checked(HttpResponse response) {
  for (const auto& [name, value] : response.headers) {
    if (!ValidHeaderName(name) || !ValidHeaderValue(value)) {
      spdlog::error("refused to send a malformed header {}", EscapeControls(name));
      return PlainError(500, "Internal server error");
    }
  }
  return response;
}

void Connection::Respond(HttpResponse unchecked, bool keep_alive, bool head,
                         bool dispatched) {
  HttpResponse response = Checked(std::move(unchecked));
  response_ = std::make_shared<http::response<http::string_body>>();
  response_->version(11);
  response_->result(static_cast<unsigned>(response.status));
  response_->set(http::field::server, "Kartla");
  for (auto& [name, value] : response.headers) response_->insert(name, value);
  response_->keep_alive(keep_alive);
  size_t length = response.body.size();
  if (!head) response_->body() = std::move(response.body);
  response_->content_length(length);
  if (head) response_->body().clear();
  stream_.expires_after(server_.options().read_timeout);
  auto self = shared_from_this();
  auto on_write = [self, keep_alive, dispatched](beast::error_code error, size_t bytes) {
    self->OnWrite(!keep_alive, error, bytes);
    if (dispatched) self->server_.Finished();
  };
  http::async_write(stream_, *response_, std::move(on_write));
}

void Connection::OnWrite(bool close, beast::error_code error, size_t) {
  if (error) return;
  if (close) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  Read();
}

}  // namespace

Result<std::unique_ptr<HttpServer>> StartHttpServer(const ServerOptions& options,
                                                    Site site) {
  ServerOptions resolved = options;
  if (resolved.io_threads <= 0) {
    resolved.io_threads = int(std::max(1u, std::thread::hardware_concurrency()));
  }
  auto server = std::make_unique<Server>(resolved, std::move(site));
  Status listening = server->Listen();
  if (!listening.ok()) return listening;
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace kartla::web
