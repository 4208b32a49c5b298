#include "web/router.h"

namespace kartla::web {
namespace {

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.emplace_back(path.substr(start, end - start));
    start = end;
  }
  return segments;
}

bool Match(const std::vector<std::string>& pattern,
           const std::vector<std::string>& path,
           std::map<std::string, std::string>& params) {
  params.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& segment = pattern[i];
    bool param = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
    if (param && segment.ends_with("...}")) {
      std::string rest;
      for (size_t j = i; j < path.size(); ++j) rest += (j > i ? "/" : "") + path[j];
      if (rest.empty()) return false;
      params[segment.substr(1, segment.size() - 5)] = rest;
      return true;
    }
    if (i >= path.size()) return false;
    if (param) {
      params[segment.substr(1, segment.size() - 2)] = path[i];
    } else if (segment != path[i]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

}  // namespace

void Router::Add(Method method, std::string pattern, Handler handler,
                 GetWrites writes) {
  routes_.push_back(Route{method, Segments(pattern), std::move(handler), writes});
}

GetWrites Router::MayWrite(const HttpRequest& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead) return GetWrites::kNo;
  std::vector<std::string> path = Segments(request.path);
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (route.method == Method::kGet && Match(route.segments, path, params)) {
      return route.writes;
    }
  }
  return GetWrites::kNo;
}

const Handler* Router::Find(HttpRequest& request, bool& path_matched) const {
  path_matched = false;
  std::vector<std::string> path = Segments(request.path);
  Method method = request.method == Method::kHead ? Method::kGet : request.method;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (!Match(route.segments, path, params)) continue;
    path_matched = true;
    if (route.method != method) continue;
    request.path_params = std::move(params);
    return &route.handler;
  }
  return nullptr;
}

bool Router::Routes(Method method, std::string_view target) const {
  std::vector<std::string> segments = Segments(target.substr(0, target.find('?')));
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (route.method == method && Match(route.segments, segments, params)) return true;
  }
  return false;
}

std::string Router::CanonicalPath(std::string_view path) {
  std::string canonical;
  for (const std::string& segment : Segments(path)) canonical += "/" + segment;
  return canonical.empty() ? "/" : canonical;
}

}  // namespace kartla::web
