#include "web/results_site.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include "core/csv.h"
#include "core/clock.h"
#include "core/files.h"
#include "pages/templates.h"
#include "publish/release.h"
#include "web/page_kit.h"

namespace kartla::web {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

}  // namespace

std::string ResultsContentType(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".json")) return "application/json";
  if (path.ends_with(".csv")) return "text/csv; charset=utf-8";
  if (path.ends_with(".px")) return "text/plain; charset=utf-8";
  if (path.ends_with(".xlsx")) {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "application/octet-stream";
}

namespace {

HttpResponse Json(int status, const json::value& value) {
  HttpResponse response;
  response.status = status;
  response.body = json::serialize(value) + "\n";
  response.Set("Content-Type", "application/json");
  response.Set("Access-Control-Allow-Origin", "*");
  return response;
}

HttpResponse JsonError(int status, const std::string& message) {
  return Json(status, json::object{{"error", message}});
}

// The releases of the folder. Versions never change once written, so
// each manifest is read once; the folder is listed again on every call.
class Shelf {
 public:
  using Entry = std::shared_ptr<const publish::ReleaseEntry>;

  explicit Shelf(std::string folder) : folder_(std::move(folder)) {}

  // Every version of every round, rounds by code, versions in order.
  std::vector<Entry> All() {
    std::vector<Entry> all;
    for (const auto& [round, version] : publish::ReleaseVersions(folder_)) {
      if (Entry entry = Find(round, version)) all.push_back(std::move(entry));
    }
    return all;
  }

  // The latest version of `round`, 0 if none.
  int Latest(const std::string& round) const {
    int latest = 0;
    for (const auto& [code, version] : publish::ReleaseVersions(folder_)) {
      if (code == round) latest = std::max(latest, version);
    }
    return latest;
  }

  Entry Find(const std::string& round, int version) {
    std::string id = fmt::format("{}-v{}", round, version);
    {
      std::lock_guard lock(mutex_);
      if (auto found = cache_.find(id); found != cache_.end()) return found->second;
    }
    auto read = publish::ReadRelease(folder_, round, version);
    if (!read) return nullptr;
    auto kept = std::make_shared<const publish::ReleaseEntry>(std::move(*read));
    std::lock_guard lock(mutex_);
    cache_[id] = kept;
    return kept;
  }

  std::optional<std::string> Read(const publish::ReleaseEntry& entry,
                                  const std::string& path) const {
    return ReadFileBytes(
        (fs::path(folder_) / entry.round / fmt::format("v{}", entry.version) / path).string());
  }

 private:
  const std::string folder_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;
};

// "v3" → 3; 0 if it is not a version.
int VersionOf(const std::string& segment) {
  if (segment.size() < 2 || segment[0] != 'v') return 0;
  int version = 0;
  for (char c : segment.substr(1)) {
    if (c < '0' || c > '9' || version > 100000) return 0;
    version = version * 10 + (c - '0');
  }
  return version;
}

// A table of a release by its id "ROUND.GROUP.ITEM" and breakdown: its
// JSON-stat file's path, "GROUP/ITEM[.by-DIM].LANG.json".
std::string TablePath(const std::string& round, const std::string& id,
                      const std::string& breakdown, Lang lang) {
  if (!id.starts_with(round + ".")) return {};
  std::string rest = id.substr(round.size() + 1);
  size_t dot = rest.find('.');
  if (dot == std::string::npos) return {};
  return fmt::format("{}/{}{}.{}.json", rest.substr(0, dot), rest.substr(dot + 1),
                     breakdown.empty() ? "" : ".by-" + breakdown, LangCode(lang));
}

// Puts into the page `file` ("fi/index.html") of `old` a notice that
// `newer` replaces it, with the newer version's note, and a link to the
// same page there (or its front page), right at the start of <main>.
void InsertSupersededNotice(std::string& page, const publish::ReleaseEntry& old,
                            const publish::ReleaseEntry& newer, const std::string& file,
                            const PageKit& kit) {
  const std::string marker = "<main id=\"main\" tabindex=\"-1\">";
  const size_t at = page.find(marker);
  if (at == std::string::npos) return;
  const Lang lang = ParseLang(file.substr(0, 2)).value_or(Lang::kEn);
  const std::string target = newer.files.contains(file) ? file : file.substr(0, 3) + "index.html";
  const std::string why = newer.note.empty()
                              ? kit.T("res_superseded_stage", lang, {std::to_string(newer.stage)})
                              : newer.note;
  View view;
  view.Set("text", kit.T("res_superseded", lang,
                         {std::to_string(old.version), std::to_string(newer.version),
                          FormatIsoDay(newer.date, lang), why}));
  view.Set("href", fmt::format("/results/{}/v{}/{}", newer.round, newer.version, target));
  view.Set("link", kit.T("res_superseded_link", lang, {std::to_string(newer.version)}));
  const std::string notice =
      "\n" + pages::Templates::Builtin().Render("results_superseded", view, lang);
  page.insert(at + marker.size(), notice);
}

json::object ReleaseJson(const publish::ReleaseEntry& entry) {
  json::object out{{"id", entry.id()},
                   {"round", entry.round},
                   {"version", entry.version},
                   {"stage", entry.stage},
                   {"date", entry.date},
                   {"title", {{"fi", entry.title.fi}, {"sv", entry.title.sv},
                              {"en", entry.title.en}}},
                   {"site", fmt::format("/results/{}/v{}/", entry.round, entry.version)},
                   {"tables", fmt::format("/api/v1/releases/{}/tables", entry.id())}};
  if (!entry.note.empty()) out["note"] = entry.note;
  return out;
}

}  // namespace

void AddResultsRoutes(Router& router, const std::string& folder) {
  auto shelf = std::make_shared<Shelf>(folder);
  auto kit = std::make_shared<PageKit>();

  router.Add(Method::kGet, "/results", [shelf, kit](HttpRequest& request) {
    Lang lang = PageKit::RequestLang(request);
    View content;
    // Each round once, its latest version first, the earlier ones (with
    // what each published and why it was corrected) beneath.
    std::map<std::string, std::vector<Shelf::Entry>> rounds;
    for (const Shelf::Entry& entry : shelf->All()) rounds[entry->round].push_back(entry);
    for (const auto& [round, versions] : rounds) {
      const Shelf::Entry& latest = versions.back();
      View item;
      item.Set("href", fmt::format("/results/{}/v{}/{}/index.html", round, latest->version,
                                   LangCode(lang)));
      item.Set("title", latest->title.Get(lang));
      item.Set("line", kit->T("res_shelf_line", lang,
                              {std::to_string(latest->stage), std::to_string(latest->version),
                               FormatIsoDay(latest->date, lang)}));
      if (!latest->note.empty()) item.Set("note", kit->T("res_correction", lang, {latest->note}));
      for (auto it = versions.rbegin() + 1; it != versions.rend(); ++it) {
        View earlier;
        earlier.Set("href", fmt::format("/results/{}/v{}/{}/index.html", round, (*it)->version,
                                        LangCode(lang)));
        earlier.Set("line", kit->T("res_shelf_line", lang,
                                   {std::to_string((*it)->stage), std::to_string((*it)->version),
                                    FormatIsoDay((*it)->date, lang)}));
        item.Add("earlier", std::move(earlier));
      }
      item.List("earlier");
      content.Add("releases", std::move(item));
    }
    content.List("releases");
    View layout;
    layout.Set("languages_links", true);
    return kit->Render(200, lang, kit->T("res_shelf_title", lang), "results_shelf", content,
                       layout);
  });

  router.Add(Method::kGet, "/results/{round}", [shelf](HttpRequest& request) {
    int latest = shelf->Latest(request.path_params["round"]);
    if (latest == 0) return HttpResponse::Redirect("/results");
    return HttpResponse::Redirect(
        fmt::format("/results/{}/v{}/", request.path_params["round"], latest));
  });

  // A file of a version: only those of its manifest (and the manifest).
  auto serve = [shelf, kit](const HttpRequest& request, const std::string& round,
                            const std::string& version_name, const std::string& path) {
    const Lang lang = PageKit::RequestLang(request);
    if (version_name == "latest") {
      // Only to a file the latest version has: the address is then made of
      // a known round, version and file name, never of the request's text.
      auto latest = shelf->Find(round, shelf->Latest(round));
      if (!latest) return kit->ErrorPage(404, lang);
      bool directory = path.empty() || request.path.ends_with("/");
      std::string file = directory ? (path.empty() ? "" : path + "/") + "index.html" : path;
      if (!latest->files.contains(file) && file != "manifest.json") {
        return kit->ErrorPage(404, lang);
      }
      return HttpResponse::Redirect(fmt::format("/results/{}/v{}/{}{}", latest->round,
                                                latest->version, path,
                                                directory && !path.empty() ? "/" : ""));
    }
    auto entry = shelf->Find(round, VersionOf(version_name));
    if (!entry) return kit->ErrorPage(404, lang);
    if (path.empty() && !request.path.ends_with("/")) {
      // With the slash, so that the site's relative links work.
      return HttpResponse::Redirect(fmt::format("/results/{}/v{}/", round, entry->version));
    }
    std::string file = path.empty() || request.path.ends_with("/")
                           ? (path.empty() ? "" : path + "/") + "index.html"
                           : path;
    auto listed = entry->files.find(file);
    if (listed == entry->files.end() && file != "manifest.json") {
      return kit->ErrorPage(404, lang);
    }
    // A page of a version that a later one replaces says so, and why: the
    // file stays as published (its checksum in the manifest); the notice is
    // put in as it is sent, so such a page is not cached for good.
    const int latest = shelf->Latest(round);
    const bool superseded = latest > entry->version && file.ends_with(".html") &&
                            file.find('/') == 2;
    std::string etag =
        listed == entry->files.end()
            ? ""
            : "\"" + listed->second.substr(0, 32) +
                  (superseded ? fmt::format("-v{}", latest) : std::string()) + "\"";
    HttpResponse response;
    if (!etag.empty() && request.Header("if-none-match") == etag) {
      response.status = 304;
    } else {
      auto bytes = shelf->Read(*entry, file);
      if (!bytes) return kit->ErrorPage(404, lang);
      response.body = std::move(*bytes);
      response.Set("Content-Type", ResultsContentType(file));
      if (superseded) {
        if (auto newer = shelf->Find(round, latest)) {
          InsertSupersededNotice(response.body, *entry, *newer, file, *kit);
        }
      }
    }
    if (!etag.empty()) response.Set("ETag", etag);
    response.Set("Cache-Control", superseded ? "public, no-cache"
                                             : "public, max-age=31536000, immutable");
    return response;
  };
  router.Add(Method::kGet, "/results/{round}/{version}", [serve](HttpRequest& request) {
    return serve(request, request.path_params["round"], request.path_params["version"], "");
  });
  router.Add(Method::kGet, "/results/{round}/{version}/{path...}", [serve](HttpRequest& request) {
    return serve(request, request.path_params["round"], request.path_params["version"],
                 request.path_params["path"]);
  });

  // ---- The JSON API ----

  // What the API offers, for a reader who starts at its root.
  auto index = [](HttpRequest&) {
    json::object out{
        {"api", "Kartla results API"},
        {"version", 1},
        {"description",
         "Read-only JSON over the published results: every release version, its tables and "
         "each table as JSON-stat 2.0. No sign-in; any origin."},
        {"documentation", "docs/api.md and docs/openapi.yaml in Kartla's source"},
        {"links",
         json::array{
             {{"rel", "releases"},
              {"href", "/api/v1/releases"},
              {"title", "every version of every round's release, oldest first"}},
             {{"rel", "tables"},
              {"href", "/api/v1/releases/{id}/tables"},
              {"templated", true},
              {"title", "the tables of release id (ROUND-vN) and the breakdowns of each"}},
             {{"rel", "table"},
              {"href", "/api/v1/tables/{id}{?breakdown,lang,release}"},
              {"templated", true},
              {"title", "one table (ROUND.TARGET_GROUP.QUESTION) as JSON-stat 2.0; lang fi, "
                        "sv or en; breakdown a dimension such as region"}}}}};
    return Json(200, out);
  };
  router.Add(Method::kGet, "/api/v1", index);  // also "/api/v1/" (CanonicalPath)

  router.Add(Method::kGet, "/api/v1/releases", [shelf](HttpRequest&) {
    json::array releases;
    for (const Shelf::Entry& entry : shelf->All()) {
      releases.push_back(ReleaseJson(*entry));
    }
    return Json(200, releases);
  });

  router.Add(Method::kGet, "/api/v1/releases/{id}/tables", [shelf](HttpRequest& request) {
    const std::string& id = request.path_params["id"];
    size_t dash = id.rfind("-v");
    int version = dash == std::string::npos ? 0 : VersionOf(id.substr(dash + 1));
    auto entry = version ? shelf->Find(id.substr(0, dash), version) : nullptr;
    if (!entry) return JsonError(404, "there is no release " + id);
    // Each table once, from its English JSON-stat file's path.
    std::map<std::string, json::array> breakdowns;
    for (const auto& [path, sha] : entry->files) {
      if (!path.ends_with(".en.json")) continue;
      std::string stem = path.substr(0, path.size() - 8);  // GROUP/ITEM[.by-DIM]
      std::string breakdown;
      if (size_t by = stem.find(".by-"); by != std::string::npos) {
        breakdown = stem.substr(by + 4);
        stem = stem.substr(0, by);
      }
      std::replace(stem.begin(), stem.end(), '/', '.');
      // The whole is always there; the list names the breakdowns.
      json::array& list = breakdowns[entry->round + "." + stem];
      if (!breakdown.empty()) list.push_back(json::value(breakdown));
    }
    json::array tables;
    for (auto& [table, list] : breakdowns) {
      tables.push_back({{"id", table},
                        {"breakdowns", std::move(list)},
                        {"href", fmt::format("/api/v1/tables/{}?release={}", table, id)}});
    }
    return Json(200, json::object{{"release", ReleaseJson(*entry)}, {"tables", tables}});
  });

  router.Add(Method::kGet, "/api/v1/tables/{id}", [shelf](HttpRequest& request) {
    const std::string& id = request.path_params["id"];
    std::string lang_code = FindParam(request.query, "lang").value_or("en");
    auto lang = ParseLang(lang_code);
    if (!lang || lang_code.size() != 2) return JsonError(400, "lang: use fi, sv or en");
    std::string breakdown = FindParam(request.query, "breakdown").value_or("");
    if (breakdown == "none" || breakdown == "total") breakdown.clear();
    for (char c : breakdown) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
        return JsonError(400, "breakdown: a dimension such as size_class or region");
      }
    }
    // The release asked for, else the latest release of the round whose
    // code the id starts with that has the table.
    std::vector<Shelf::Entry> all = shelf->All();
    std::string wanted = FindParam(request.query, "release").value_or("");
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      const publish::ReleaseEntry* entry = it->get();
      if (!wanted.empty() && entry->id() != wanted) continue;
      std::string path = TablePath(entry->round, id, breakdown, *lang);
      if (path.empty() || !entry->files.contains(path)) continue;
      auto bytes = shelf->Read(*entry, path);
      if (!bytes) break;
      HttpResponse response;
      response.body = std::move(*bytes);
      response.Set("Content-Type", "application/json");
      response.Set("Access-Control-Allow-Origin", "*");
      response.Set("ETag", "\"" + entry->files.at(path).substr(0, 32) + "\"");
      response.Set("Cache-Control", wanted.empty() ? "public, max-age=300"
                                                   : "public, max-age=31536000, immutable");
      return response;
    }
    return JsonError(404, fmt::format("there is no table {}{} in {}", id,
                                      breakdown.empty() ? "" : " by " + breakdown,
                                      wanted.empty() ? "any release" : wanted));
  });
}

View BenchmarkView(const std::optional<publish::LatestBenchmark>& benchmark,
                   const PageKit& kit, Lang lang) {
  View content;
  content.List("rows");
  content.Set("caption", kit.T("bench_caption", lang));
  if (!benchmark) return content;
  content.Set("release", kit.T("res_release_line", lang,
                               {std::to_string(benchmark->stage),
                                std::to_string(benchmark->version), benchmark->date}));
  for (const publish::BenchmarkRow& row : benchmark->rows) {
    View line;
    line.Set("question", row.question);
    line.Set("own", row.own.empty() ? kit.T("not_answered", lang) : row.own);
    for (const publish::BenchmarkPeer& peer : row.peers) {
      View cell;
      cell.Set("text", peer.shown ? peer.value : kit.T("bench_too_few", lang));
      cell.Set("hidden", !peer.shown);
      cell.Set("standing", peer.standing);
      cell.Set("strip", peer.strip);
      line.Add("peers", std::move(cell));
    }
    content.Add("rows", std::move(line));
  }
  if (!benchmark->rows.empty()) {
    for (const publish::BenchmarkPeer& peer : benchmark->rows.front().peers) {
      content.Add("groups", View::Text(peer.group));
    }
  }
  return content;
}

std::string BenchmarkCsv(const std::optional<publish::LatestBenchmark>& benchmark) {
  std::string csv = "\xEF\xBB\xBF";
  std::vector<std::string> head = {"question", "label", "own answer"};
  if (benchmark && !benchmark->rows.empty()) {
    for (const publish::BenchmarkPeer& peer : benchmark->rows.front().peers) {
      head.push_back(peer.group);
    }
  }
  csv += FormatCsvRecord(head);
  if (!benchmark) return csv;
  for (const publish::BenchmarkRow& row : benchmark->rows) {
    std::vector<std::string> fields = {row.item, row.question, row.own};
    for (const publish::BenchmarkPeer& peer : row.peers) {
      fields.push_back(!peer.shown ? ".."
                       : peer.standing.empty() ? peer.value
                                               : peer.value + "; " + peer.standing);
    }
    csv += FormatCsvRecord(fields);
  }
  return csv;
}

}  // namespace kartla::web
