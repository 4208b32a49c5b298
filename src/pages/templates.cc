#include "pages/templates.h"

#include <kainjow/mustache.hpp>

#include <deque>
#include <unordered_map>

#include "core/csv.h"
#include "core/embedded.h"
#include "core/system_error.h"
#include "core/text.h"

namespace kartla {
// Defined by the kartla_templates library (cmake/embed.cmake).
std::span<const EmbeddedFile> TemplateFiles();
}  // namespace kartla

namespace kartla::pages {
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
  for (const auto& [key, value] : view.fields()) object.set(key, ToData(value));
  return object;
}

std::string_view FileName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Lets kainjow read a View without converting it: names are looked up in
// the Views on the stack, and only the values a template touches become
// kainjow data, made once per render in an arena. Objects and list items
// are stood in for by empty placeholder objects that map back to their View.
class ViewContext final : public ms::basic_context<std::string> {
 public:
  ViewContext(const View& root, const ms::data& messages) : messages_(messages) {
    stack_.push_back(&messages);
    stack_.push_back(Placeholder(root));
  }

  void push(const ms::data* data) override { stack_.push_back(data); }
  void pop() override { stack_.pop_back(); }

  const ms::data* get(const std::string& name) const override {
    if (name == ".") return stack_.back();
    // The interface messages ({{t.KEY}}) are only ever in the base data.
    if (name.starts_with("t.")) {
      const ms::data* messages = messages_.get("t");
      return messages ? messages->get(name.substr(2)) : nullptr;
    }
    std::string_view rest = name;
    std::string_view first = rest.substr(0, rest.find('.'));
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const ms::data* found = Member(*it, first);
      if (found == nullptr) continue;
      while (first.size() < rest.size() && found != nullptr) {
        rest = rest.substr(first.size() + 1);
        first = rest.substr(0, rest.find('.'));
        found = Member(found, first);
      }
      return found;
    }
    return nullptr;
  }

  const ms::data* get_partial(const std::string& name) const override {
    return get(name);
  }

 private:
  const ms::data* Placeholder(const View& view) const {
    const ms::data* data = &arena_.emplace_back(ms::data::type::object);
    views_[data] = &view;
    return data;
  }

  // Member `name` of `data`: of its View if it stands for one, else of the
  // kainjow object itself. has_KEY is true if KEY is a non-empty text or
  // list.
  const ms::data* Member(const ms::data* data, std::string_view name) const {
    auto view = views_.find(data);
    if (view == views_.end()) return data->get(std::string(name));
    for (const auto& [key, value] : view->second->fields()) {
      if (key == name) return Materialize(value);
    }
    if (name.starts_with("has_")) {
      for (const auto& [key, value] : view->second->fields()) {
        if (key != name.substr(4)) continue;
        if (value.kind() == View::Kind::kText) return value.text().empty() ? &kFalse : &kTrue;
        if (value.kind() == View::Kind::kList) return value.items().empty() ? &kFalse : &kTrue;
      }
    }
    return nullptr;
  }

  const ms::data* Materialize(const View& value) const {
    auto cached = made_.find(&value);
    if (cached != made_.end()) return cached->second;
    const ms::data* data = nullptr;
    switch (value.kind()) {
      case View::Kind::kText: data = &arena_.emplace_back(value.text()); break;
      case View::Kind::kFlag: data = value.flag() ? &kTrue : &kFalse; break;
      case View::Kind::kObject: data = Placeholder(value); break;
      case View::Kind::kList: {
        ms::data& list = arena_.emplace_back(ms::data::type::list);
        const ms::data empty(ms::data::type::object);
        for (const View& item : value.items()) {
          switch (item.kind()) {
            case View::Kind::kText: list.push_back(ms::data(item.text())); break;
            case View::Kind::kFlag: list.push_back(ms::data(item.flag())); break;
            default: list.push_back(empty); break;
          }
        }
        for (size_t i = 0; i < value.items().size(); ++i) {
          View::Kind kind = value.items()[i].kind();
          if (kind == View::Kind::kObject || kind == View::Kind::kList) {
            views_[&list.list_value()[i]] = &value.items()[i];
          }
        }
        data = &list;
        break;
      }
    }
    made_[&value] = data;
    return data;
  }

  static inline const ms::data kTrue{true};
  static inline const ms::data kFalse{false};
  const ms::data& messages_;
  std::vector<const ms::data*> stack_;  // the top is at the back
  mutable std::deque<ms::data> arena_;
  mutable std::unordered_map<const ms::data*, const View*> views_;
  mutable std::unordered_map<const View*, const ms::data*> made_;
};

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
  // Each template's text with its partials ({{> _name}}) written in, so
  // that rendering never parses.
  std::map<std::string, std::string, std::less<>> sources;
};

namespace {

std::string Compose(const std::map<std::string, std::string, std::less<>>& raw,
                    const std::string& text, int depth) {
  if (depth > 8) throw SystemError("templates include each other in a circle");
  std::string out;
  size_t i = 0;
  while (true) {
    size_t start = text.find("{{> _", i);
    if (start == std::string::npos) break;
    size_t end = text.find("}}", start);
    if (end == std::string::npos) break;
    std::string name(Trim(std::string_view(text).substr(start + 5, end - start - 5)));
    auto found = raw.find(name);
    if (found == raw.end()) throw SystemError("there is no partial template " + name);
    out += text.substr(i, start - i);
    out += Compose(raw, found->second, depth + 1);
    i = end + 2;
  }
  return out + text.substr(i);
}

// The catalogue of each language as template data, built once.
const ms::data& MessagesData(Lang lang) {
  static const std::map<Lang, ms::data>* all = [] {
    auto* built = new std::map<Lang, ms::data>();
    for (Lang each : kAllLangs) {
      View root;
      root.Set("t", Catalogue::Builtin().All(each));
      (*built)[each] = ToData(root);
    }
    return built;
  }();
  return all->at(lang);
}

}  // namespace

Templates::Templates() : parsed_(std::make_unique<Parsed>()) {
  std::map<std::string, std::string, std::less<>> raw;
  for (const EmbeddedFile& file : TemplateFiles()) {
    std::string_view name = FileName(file.path);
    if (!name.ends_with(".mustache")) continue;
    raw[std::string(name.substr(0, name.size() - 9))] = std::string(file.contents);
  }
  for (const auto& [key, text] : raw) {
    std::string composed = Compose(raw, text, 0);
    ms::mustache compiled{composed};
    if (!compiled.is_valid()) {
      throw SystemError("template " + key + ": " + compiled.error_message());
    }
    parsed_->sources[key] = std::move(composed);
  }
}

Templates::~Templates() = default;

const Templates& Templates::Builtin() {
  static const Templates* templates = new Templates();
  return *templates;
}

std::string Templates::Render(std::string_view name, const View& view,
                              Lang lang) const {
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
  ViewContext context(view, MessagesData(lang));
  return found->second->render(context);
}

}  // namespace kartla::pages
