// Maps a method and a path to a handler: "/r/{token}" matches "/r/abc" with
// path_params["token"] = "abc".
#ifndef KARTLA_WEB_ROUTER_H_
#define KARTLA_WEB_ROUTER_H_

#include <string>
#include <vector>

#include "web/http.h"

namespace kartla::web {

// Built once at start-up, then read-only and safe to share between threads.
class Router {
 public:
  // `pattern` is a path whose segments are literal or {name}; a last
  // segment {name...} matches the rest of the path.
  void Add(Method method, std::string pattern, Handler handler,
           GetWrites writes = GetWrites::kNo);

  // How the GET or HEAD `request`'s route was added to write; kNo for
  // other methods and unknown paths.
  GetWrites MayWrite(const HttpRequest& request) const;

  // The handler for the request, with request.path_params filled; nullptr
  // if no route matches. `path_matched` tells whether some route matched
  // the path under another method (so the answer is 405, not 404).
  const Handler* Find(HttpRequest& request, bool& path_matched) const;

  // Whether some route of `method` matches the path of `target` (a path
  // with or without a query, which is ignored).
  bool Routes(Method method, std::string_view target) const;

  // `path` as routes see it: its empty segments dropped ("//r/x/" is
  // "/r/x"), "/" for none.
  static std::string CanonicalPath(std::string_view path);

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;
    Handler handler;
    GetWrites writes;
  };
  std::vector<Route> routes_;
};

}  // namespace kartla::web

#endif  // KARTLA_WEB_ROUTER_H_
