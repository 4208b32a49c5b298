// The HTTP/1.1 server (Boost.Beast on Boost.Asio). Only http_server.cc
// includes Beast.
#ifndef KARTLA_WEB_HTTP_SERVER_H_
#define KARTLA_WEB_HTTP_SERVER_H_

#include <chrono>
#include <memory>
#include <string>

#include "core/status.h"
#include "web/http.h"

namespace kartla::web {

struct ServerOptions {
  std::string address = "127.0.0.1";  // Default: loopback only
  int port = 8080;                     // 0: any free port. Default: 8080
  // Threads doing network I/O. Default: 0, meaning one per core.
  int io_threads = 0;
  // Threads running handlers, which may block on a durable write; enough of
  // them let the database commit many writes in one group. Default: 32.
  int worker_threads = 32;
  size_t body_limit = 1 << 20;    // bytes; larger bodies get 413
  size_t header_limit = 16 << 10;  // bytes; larger headers get 431
  // A client that sends nothing (or too slowly) for this long is closed.
  std::chrono::seconds read_timeout{30};
  // Requests kept on one connection before it is closed.
  int keep_alive_requests = 1000;
};

// A running server. Thread-safe.
class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // The port listened on (useful when options.port was 0).
  virtual int port() const = 0;
  // Stops accepting, lets requests in flight finish and their responses be
  // written, then stops the threads. Idempotent.
  virtual void Shutdown() = 0;
  // Blocks until Shutdown has completed.
  virtual void Wait() = 0;
};

// Binds and starts serving; every request goes to `site.handle`. Fails
// with kFailedPrecondition if the address cannot be bound.
Result<std::unique_ptr<HttpServer>> StartHttpServer(const ServerOptions& options,
                                                    Site site);

}  // namespace kartla::web

#endif  // KARTLA_WEB_HTTP_SERVER_H_
