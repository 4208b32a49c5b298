// Running the web server until SIGINT or SIGTERM: for `kartla serve` and
// `kartla demo`.
#ifndef KARTLA_CLI_SERVING_H_
#define KARTLA_CLI_SERVING_H_

#include <functional>
#include <ostream>

#include "app/app.h"
#include "core/status.h"

namespace kartla::cli {

// Serves the respondents' pages of `app` on the configured address and port
// (`port` if it is not 0). Calls `ready` with the port once listening, then
// blocks until SIGINT or SIGTERM, finishes the requests in flight and
// returns. Fails with kFailedPrecondition if the port cannot be bound.
Status ServeUntilSignal(App& app, int port, const std::function<void(int)>& ready);

}  // namespace kartla::cli

#endif  // KARTLA_CLI_SERVING_H_
