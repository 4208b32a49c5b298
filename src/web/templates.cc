#include "web/templates.h"

#include <kainjow/mustache.hpp>

#include "core/csv.h"
#include "core/embedded.h"
#include "core/system_error.h"

namespace kartla {
// Defined by the kartla_templates library (cmake/embed.cmake).
std::span<const EmbeddedFile> TemplateFiles();
}  // namespace kartla

namespace kartla::web {
namespace {

namespace ms = kainjow::mustache;

ms::data ToData(const View& view) {
  switch (view.kind()) {
    case View::Kind::kText: return ms::data(view.text());
    case View::Kind::kFlag:
      return ms::data(view.flag() ? ms::data::type::bool_true
                                  : ms::data::type::bool_false);
    case View::Kind::kList: {
      ms::data list = ms::data::type::list;
      for (const View& item : view.items()) list.push_back(ToData(item));
      return list;
    }
    case View::Kind::kObject: break;
  }
  ms::data object = ms::data::type::object;
  for (const auto& [key, value] : view.fields()) {
    object.set(key, ToData(value));
    // Every text also gives has_KEY, true if it is not empty: mustache
    // treats an empty text as true in {{#KEY}}.
    if (value.kind() == View::Kind::kText) {
      object.set("has_" + key, value.text().empty() ? ms::data::type::bool_false
                                                    : ms::data::type::bool_true);
    }
  }
  return object;
}

std::string_view FileName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

const Catalogue& Catalogue::Builtin() {
  static const Catalogue* catalogue = [] {
    auto* built = new Catalogue();
    for (const EmbeddedFile& file : TemplateFiles()) {
      if (FileName(file.path) != "messages.csv") continue;
      auto table = ParseCsv(file.contents, file.path);
      if (!table.ok()) throw SystemError(table.status().ToString());
      for (const CsvRecord& record : table->records) {
        built->messages_[record.fields[0]] =
            LocalizedText{record.fields[1], record.fields[2], record.fields[3]};
      }
    }
    return built;
  }();
  return *catalogue;
}

std::string Catalogue::Get(std::string_view key, Lang lang,
                           const std::vector<std::string>& args) const {
  auto found = messages_.find(key);
  if (found == messages_.end()) return std::string(key);
  std::string text = found->second.Get(lang);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string placeholder = "{" + std::to_string(i) + "}";
    size_t at = text.find(placeholder);
    if (at != std::string::npos) text.replace(at, placeholder.size(), args[i]);
  }
  return text;
}

View Catalogue::All(Lang lang) const {
  View all;
  for (const auto& [key, text] : messages_) all.Set(key, text.Get(lang));
  return all;
}

std::vector<std::string> Catalogue::Untranslated() const {
  std::vector<std::string> keys;
  for (const auto& [key, text] : messages_) {
    if (text.fi.empty() || text.sv.empty() || text.en.empty()) keys.push_back(key);
  }
  return keys;
}

struct Templates::Parsed {
  std::map<std::string, std::string, std::less<>> sources;
};

Templates::Templates() : parsed_(std::make_unique<Parsed>()) {
  for (const EmbeddedFile& file : TemplateFiles()) {
    std::string_view name = FileName(file.path);
    if (!name.ends_with(".mustache")) continue;
    std::string key(name.substr(0, name.size() - 9));
    parsed_->sources[key] = std::string(file.contents);
    ms::mustache compiled{std::string(file.contents)};
    if (!compiled.is_valid()) {
      throw SystemError("template " + key + ": " + compiled.error_message());
    }
  }
}

Templates::~Templates() = default;

const Templates& Templates::Builtin() {
  static const Templates* templates = new Templates();
  return *templates;
}

std::string Templates::Render(std::string_view name, const View& view) const {
  auto source = parsed_->sources.find(name);
  if (source == parsed_->sources.end()) {
    throw SystemError("there is no template " + std::string(name));
  }
  // kainjow's render() is not const; each thread keeps its own compiled
  // copies (all checked for errors at start-up).
  thread_local std::map<std::string, std::unique_ptr<ms::mustache>, std::less<>>
      compiled;
  auto found = compiled.find(name);
  if (found == compiled.end()) {
    found = compiled
                .emplace(std::string(name),
                         std::make_unique<ms::mustache>(source->second))
                .first;
  }
  ms::data data = ToData(view);
  for (const auto& [key, source] : parsed_->sources) {
    const std::string* text = &source;
    data.set("_" + key, ms::partial([text] { return *text; }));
  }
  return found->second->render(data);
}

}  // namespace kartla::web
