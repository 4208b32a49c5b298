#include "pages/templates.h"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <set>

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

std::string_view FileName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The interface messages of each language as one View (keys in order),
// built when a page is first rendered in it, and kept.
const View& MessagesView(Lang lang) {
  static std::array<std::atomic<const View*>, kMaxLangs> built{};
  static std::mutex mutex;
  std::atomic<const View*>& slot = built[size_t(lang) % kMaxLangs];
  if (const View* view = slot.load(std::memory_order_acquire)) return *view;
  std::lock_guard lock(mutex);
  if (const View* view = slot.load(std::memory_order_relaxed)) return *view;
  const View* view = new View(Catalogue::Builtin().All(lang));
  slot.store(view, std::memory_order_release);
  return *view;
}

const View& True() {
  static const View* flag = new View(View::Flag(true));
  return *flag;
}

const View& False() {
  static const View* flag = new View(View::Flag(false));
  return *flag;
}

void AppendEscaped(std::string& out, const std::string& text) {
  size_t from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      default: continue;
    }
    out.append(text, from, i - from);
    out += entity;
    from = i + 1;
  }
  out.append(text, from);
}

// The placeholders {0}, {1}... that `text` names.
std::set<std::string> PlaceholdersOf(std::string_view text) {
  std::set<std::string> found;
  for (size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    size_t end = at + 1;
    while (end < text.size() && end - at <= 3 && text[end] >= '0' && text[end] <= '9') ++end;
    if (end > at + 1 && end < text.size() && text[end] == '}') {
      found.emplace(text.substr(at, end - at + 1));
    }
  }
  return found;
}

}  // namespace

Result<Catalogue> Catalogue::Parse(std::string_view csv, std::string_view file) {
  auto table = ParseCsv(csv, file);
  if (!table.ok()) return table.status();
  Catalogue catalogue;
  // key, fi, sv, en, and a column for each language added (by its tag).
  const auto& header = table->header;
  if (header.size() < 4 || header[0] != "key" || header[1] != "fi" || header[2] != "sv" ||
      header[3] != "en") {
    return Status::InvalidInput(
        fmt::format("{}:1: a catalogue's columns are key, fi, sv, en and any languages added", file));
  }
  std::vector<Lang>& added = catalogue.added_;
  for (size_t column = 4; column < header.size(); ++column) {
    auto lang = LanguageOfTag(header[column]);
    if (!lang || ParseLang(header[column])) {
      return Status::InvalidInput(fmt::format(
          "{}:1:{}: \"{}\" is not the tag of a language to add (such as se or et)", file,
          column + 1, header[column]));
    }
    added.push_back(*lang);
  }
  for (const CsvRecord& record : table->records) {
    if (record.fields.size() < 4) {
      return Status::InvalidInput(fmt::format("{}:{}: a message needs key, fi, sv and en",
                                              file, record.line));
    }
    if (catalogue.messages_.contains(record.fields[0])) {
      return Status::InvalidInput(fmt::format("{}:{}: the key {} is given twice", file,
                                              record.line, record.fields[0]));
    }
    LocalizedText text{record.fields[1], record.fields[2], record.fields[3]};
    for (size_t i = 0; i < added.size() && 4 + i < record.fields.size(); ++i) {
      if (!record.fields[4 + i].empty()) text.Mutable(added[i]) = record.fields[4 + i];
    }
    // Each translation names the arguments the English one names: one
    // that left an argument out would drop a figure or a name unseen.
    const std::set<std::string> english = PlaceholdersOf(text.en);
    for (size_t column = 1; column < record.fields.size() && column < header.size(); ++column) {
      const std::string& translation = record.fields[column];
      if (column != 3 && !translation.empty() && PlaceholdersOf(translation) != english) {
        return Status::InvalidInput(fmt::format(
            "{}:{}: the {} message of {} names other arguments ({{0}}, {{1}}...) than the "
            "English one",
            file, record.line, header[column], record.fields[0]));
      }
    }
    catalogue.messages_[record.fields[0]] = std::move(text);
  }
  return catalogue;
}

const Catalogue& Catalogue::Builtin() {
  static const Catalogue* catalogue = [] {
    for (const EmbeddedFile& file : TemplateFiles()) {
      if (FileName(file.path) != "messages.csv") continue;
      auto parsed = Parse(file.contents, file.path);
      if (!parsed.ok()) throw SystemError(parsed.status().ToString());
      return new Catalogue(std::move(parsed).value());
    }
    return new Catalogue();
  }();
  return *catalogue;
}

const LocalizedText* Catalogue::Find(std::string_view key) const {
  auto found = messages_.find(key);
  return found == messages_.end() ? nullptr : &found->second;
}

bool Catalogue::Speaks(Lang lang) const {
  return size_t(lang) < 3 || std::find(added_.begin(), added_.end(), lang) != added_.end();
}

std::string Catalogue::Get(std::string_view key, Lang lang,
                           const std::vector<std::string>& args) const {
  auto found = messages_.find(key);
  if (found == messages_.end()) return std::string(key);
  return FillPlaceholders(found->second.Get(lang), args);
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
  // Each template with its partials ({{> _name}}) written in, so that
  // rendering never parses.
  std::map<std::string, Template, std::less<>> templates;
};

struct Template::Node {
  enum class Kind { kText, kNewline, kVariable, kRaw, kSection, kInverted };
  Kind kind = Kind::kText;
  std::string text;               // kText, kNewline
  std::vector<std::string> path;  // the name's parts; empty for "."
  // Of each part: View::KeyHash of it, and of KEY if it is has_KEY (else 0).
  std::vector<std::pair<uint32_t, uint32_t>> hashes;
  // {{t.KEY}}: the index of KEY among the messages (MessagesView), or -1
  // for a name that is not a message; -2 for an unknown message.
  long message = -1;
  std::vector<Node> children;
};

struct Fragment::Step {
  enum class Kind { kText, kNewline, kSectionTag, kNode };
  Kind kind = Kind::kText;
  std::string text;                  // kText, kNewline
  const Template::Node* node = nullptr;  // kNode
  // kNode: the fixed views around the node, outermost first.
  std::vector<const View*> around;
};

Fragment::Fragment() = default;
Fragment::~Fragment() = default;

namespace {

// Member `name` (KeyHash `hash`) of `view`; has_KEY is true if KEY
// (`target_hash`, 0 if `name` is not has_KEY) is a non-empty text or list (a
// member named has_KEY comes first). One pass over the fields.
const View* Member(const View* view, std::string_view name, uint32_t hash,
                   uint32_t target_hash) {
  if (view->kind() != View::Kind::kObject) return nullptr;
  const View* flag = nullptr;
  for (const auto& [key, value] : view->fields()) {
    if (value.key_hash() == hash && key == name) return &value;
    if (target_hash != 0 && value.key_hash() == target_hash &&
        std::string_view(key) == name.substr(4)) {
      if (value.kind() == View::Kind::kText) flag = value.text().empty() ? &False() : &True();
      if (value.kind() == View::Kind::kList) flag = value.items().empty() ? &False() : &True();
    }
  }
  return flag;
}

// Member `i` of a node's name.
const View* Member(const View* view, const Template::Node& node, size_t i) {
  return Member(view, node.path[i], node.hashes[i].first, node.hashes[i].second);
}

bool Truthy(const View* view) {
  switch (view->kind()) {
    case View::Kind::kFlag: return view->flag();
    case View::Kind::kList: return !view->items().empty();
    default: return true;
  }
}

// How a section goes through its value, rendering (Renderer) or preparing
// (Preparer) alike: inside each item of a non-empty list, else inside the
// value, else in the views around; the line is marked as holding a section
// tag at the start, at each item and at the end.
template <typename Walker>
void WalkSection(Walker& walker, const Template::Node& node, const View* value) {
  walker.SectionTag();
  if (value != nullptr && value->kind() == View::Kind::kList && !value->items().empty()) {
    for (const View& item : value->items()) {
      walker.SectionTag();
      walker.Enter(&item, node.children);
    }
  } else if (value != nullptr) {
    walker.Enter(value, node.children);
  } else {
    walker.Walk(node.children);
  }
  walker.SectionTag();
}

// A node whose value is found (null if none), rendering or preparing
// alike: a text value written (escaped unless {{{raw}}}), a section over a
// true value, an inverted one over a false or missing one.
template <typename Walker>
void WalkFound(Walker& walker, const Template::Node& node, const View* value) {
  using Kind = Template::Node::Kind;
  switch (node.kind) {
    case Kind::kVariable:
    case Kind::kRaw:
      if (value != nullptr && value->kind() == View::Kind::kText) {
        walker.Write(value->text(), node.kind == Kind::kVariable);
      }
      break;
    case Kind::kSection:
      if (value != nullptr && Truthy(value)) walker.Section(node, value);
      break;
    case Kind::kInverted:
      if (value == nullptr || !Truthy(value)) walker.Section(node, value);
      break;
    default: break;
  }
}

// The message of a {{t.KEY}} node (null for an unknown KEY).
const View* MessageOf(const View& messages, const Template::Node& node) {
  return node.message < 0 ? nullptr : &messages.fields()[size_t(node.message)].second;
}

// Renders a template's nodes: names are looked up in the Views on the
// stack, innermost first. Lines are written straight to `out`; a line that
// held a section tag and nothing but blanks is taken back at its end, as
// kainjow does.
class Renderer {
 public:
  Renderer(std::string& out, const View& root, Lang lang)
      : out_(out), messages_(MessagesView(lang)) {
    stack_.push_back(&root);
  }

  void Walk(const std::vector<Template::Node>& nodes);
  void WalkNode(const Template::Node& node);

  // For WalkFound and WalkSection.
  void Write(const std::string& text, bool escape) {
    if (escape) {
      AppendEscaped(out_, text);
    } else {
      out_ += text;
    }
  }
  void Section(const Template::Node& node, const View* value) {
    if (value != nullptr && value->fragment() != nullptr) {
      section_line_ = true;
      RenderPrepared(node, *value);
      section_line_ = true;
    } else {
      WalkSection(*this, node, value);
    }
  }
  void SectionTag() { section_line_ = true; }
  void Enter(const View* value, const std::vector<Template::Node>& nodes) {
    stack_.push_back(value);
    Walk(nodes);
    stack_.pop_back();
  }

  void EndLine(const std::string* newline) {
    bool blank = section_line_;
    for (size_t i = line_start_; blank && i < out_.size(); ++i) {
      blank = out_[i] == ' ' || out_[i] == '\t';
    }
    if (blank) {
      out_.resize(line_start_);
    } else if (newline != nullptr) {
      out_ += *newline;
    }
    line_start_ = out_.size();
    section_line_ = false;
  }

 private:
  using Node = Template::Node;

  const View* Find(const Node& node) const {
    if (node.message != -1) return MessageOf(messages_, node);
    if (node.path.empty()) return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const View* found = Member(*it, node, 0);
      if (found == nullptr) continue;
      for (size_t i = 1; i < node.path.size() && found != nullptr; ++i) {
        found = Member(found, node, i);
      }
      return found;
    }
    return nullptr;
  }

  // The steps of a prepared view's fragment; a node left to the render is
  // rendered with the fixed views around it on the stack, each followed by
  // what varies of it.
  void RenderPrepared(const Node& node, const View& prepared) {
    const Fragment& fragment = *prepared.fragment();
    if (fragment.section() != &node) {
      throw SystemError("a prepared view is rendered in a section it was not prepared for");
    }
    for (const Fragment::Step& step : fragment.steps()) {
      switch (step.kind) {
        case Fragment::Step::Kind::kText: out_ += step.text; break;
        case Fragment::Step::Kind::kNewline: EndLine(&step.text); break;
        case Fragment::Step::Kind::kSectionTag: section_line_ = true; break;
        case Fragment::Step::Kind::kNode: {
          size_t depth = stack_.size();
          for (const View* fixed : step.around) {
            stack_.push_back(fixed);
            const View* varying =
                fixed == &fragment.fixed() ? &prepared : prepared.OverlayOf(fixed);
            if (varying != nullptr) stack_.push_back(varying);
          }
          WalkNode(*step.node);
          stack_.resize(depth);
          break;
        }
      }
    }
  }

  std::string& out_;
  const View& messages_;
  std::vector<const View*> stack_;  // the innermost at the back
  size_t line_start_ = 0;
  bool section_line_ = false;  // the line so far held a section tag
};

void Renderer::Walk(const std::vector<Template::Node>& nodes) {
  for (const Node& node : nodes) WalkNode(node);
}

void Renderer::WalkNode(const Template::Node& node) {
  switch (node.kind) {
    case Node::Kind::kText: out_ += node.text; break;
    case Node::Kind::kNewline: EndLine(&node.text); break;
    default: WalkFound(*this, node, Find(node)); break;
  }
}

// Renders a section's nodes in advance over fixed views, as Renderer
// would, into a Fragment's steps: text is written in, sections over fixed
// values are unrolled, and a node whose name varies (or that the fixed
// views lack) is left as a step, with the fixed views around it. Ends of
// lines stay steps: whether a line is dropped depends on what it holds
// when rendered.
class Preparer {
 public:
  using Node = Template::Node;
  using Step = Fragment::Step;

  Preparer(std::vector<Step>& steps, const View& root, Lang lang,
           const Template::Varying& varying)
      : steps_(steps), messages_(MessagesView(lang)), varying_(varying) {
    stack_.push_back(&root);
  }

  void Walk(const std::vector<Node>& nodes) {
    for (const Node& node : nodes) WalkNode(node);
  }

  // For WalkFound and WalkSection.
  void Write(const std::string& text, bool escape) {
    if (!escape) {
      Text(text);
      return;
    }
    std::string escaped;
    AppendEscaped(escaped, text);
    Text(escaped);
  }
  void Section(const Node& node, const View* value) { WalkSection(*this, node, value); }
  void SectionTag() { steps_.push_back({Step::Kind::kSectionTag, "", nullptr, {}}); }
  void Enter(const View* value, const std::vector<Node>& nodes) {
    stack_.push_back(value);
    Walk(nodes);
    stack_.pop_back();
  }

 private:
  void Text(std::string_view text) {
    if (text.empty()) return;
    if (steps_.empty() || steps_.back().kind != Step::Kind::kText) {
      steps_.push_back({Step::Kind::kText, "", nullptr, {}});
    }
    steps_.back().text += text;
  }

  void Leave(const Node& node) {
    steps_.push_back({Step::Kind::kNode, "", &node, stack_});
  }

  // Whether `names` holds the node's first name (or KEY of has_KEY).
  static bool Names(const std::set<std::string, std::less<>>& names, const Node& node) {
    std::string_view name = node.path.front();
    if (names.count(name) > 0) return true;
    return name.starts_with("has_") && names.count(name.substr(4)) > 0;
  }

  // The value of a fixed name (null if it has none); false if the name is
  // left to the render: a view that varies may hold it before the fixed
  // view that does (the prepared view itself is looked in after the views
  // nested in it), the fixed views lack it, or it is "." (the innermost
  // view, merged) or a dotted name.
  bool Resolve(const Node& node, const View*& value) const {
    if (node.message != -1) {
      value = MessageOf(messages_, node);
      return true;
    }
    if (node.path.size() != 1) return false;
    if (stack_.size() > 1 && Names(varying_.nested, node)) return false;
    for (size_t level = stack_.size(); level-- > 0;) {
      const View* found = Member(stack_[level], node, 0);
      if (found == nullptr) continue;
      if (level == 0 && Names(varying_.own, node)) return false;
      value = found;
      return true;
    }
    return false;
  }

  void WalkNode(const Node& node) {
    if (node.kind == Node::Kind::kText) {
      Text(node.text);
      return;
    }
    if (node.kind == Node::Kind::kNewline) {
      steps_.push_back({Step::Kind::kNewline, node.text, nullptr, {}});
      return;
    }
    const View* value = nullptr;
    if (Resolve(node, value)) {
      WalkFound(*this, node, value);
    } else {
      Leave(node);
    }
  }

  std::vector<Step>& steps_;
  const View& messages_;
  const Template::Varying& varying_;
  std::vector<const View*> stack_;  // the fixed views, the innermost at the back
};

// kainjow's parse tree as Nodes. A partial left in (not {{> _name}}) is
// refused: the templates do not look partials up by data.
Status Convert(std::vector<ms::component<std::string>>& components,
               std::vector<Template::Node>& nodes) {
  using Node = Template::Node;
  const auto& messages = MessagesView(Lang::kEn).fields();
  for (ms::component<std::string>& component : components) {
    Node node;
    switch (component.tag.type) {
      case ms::tag_type::text:
        node.kind = component.is_newline() ? Node::Kind::kNewline : Node::Kind::kText;
        node.text = std::move(component.text);
        if (node.kind == Node::Kind::kText && !nodes.empty() &&
            nodes.back().kind == Node::Kind::kText) {
          nodes.back().text += node.text;
          continue;
        }
        break;
      case ms::tag_type::variable: node.kind = Node::Kind::kVariable; break;
      case ms::tag_type::unescaped_variable: node.kind = Node::Kind::kRaw; break;
      case ms::tag_type::section_begin: node.kind = Node::Kind::kSection; break;
      case ms::tag_type::section_begin_inverted: node.kind = Node::Kind::kInverted; break;
      case ms::tag_type::partial:
        return Status::InvalidInput("partial {{> " + component.tag.name +
                                    "}} is not a template of templates/ (their names start with _)");
      default: continue;  // comments, delimiter changes, section ends
    }
    if (node.kind != Node::Kind::kText && node.kind != Node::Kind::kNewline) {
      const std::string& name = component.tag.name;
      if (name.starts_with("t.")) {
        std::string_view key = std::string_view(name).substr(2);
        auto found = std::lower_bound(
            messages.begin(), messages.end(), key,
            [](const auto& field, std::string_view wanted) { return field.first < wanted; });
        node.message = found != messages.end() && found->first == key
                           ? long(found - messages.begin())
                           : -2;
      } else if (name != ".") {
        size_t begin = 0;
        while (true) {
          size_t dot = name.find('.', begin);
          node.path.push_back(name.substr(begin, dot - begin));
          std::string_view part = node.path.back();
          node.hashes.emplace_back(View::KeyHash(part), part.starts_with("has_")
                                                            ? View::KeyHash(part.substr(4))
                                                            : 0);
          if (dot == std::string::npos) break;
          begin = dot + 1;
        }
      }
      Status children = Convert(component.children, node.children);
      if (!children.ok()) return children;
    }
    nodes.push_back(std::move(node));
  }
  return Status::Ok();
}

}  // namespace

Template::Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

Result<Template> Template::Parse(const std::string& source) {
  ms::data empty;
  ms::context<std::string> data{&empty};
  ms::context_internal<std::string> context{data};
  ms::component<std::string> root;
  std::string error;
  ms::parser<std::string> parse(source, context, root, error);
  if (!error.empty()) return Status::InvalidInput(error);
  Template parsed;
  Status converted = Convert(root.children, parsed.nodes_);
  if (!converted.ok()) return converted;
  parsed.typical_size_ = source.size() + 4096;
  return parsed;
}

std::string Template::Render(const View& view, Lang lang) const {
  std::string out;
  out.reserve(typical_size_);
  Renderer renderer(out, view, lang);
  renderer.Walk(nodes_);
  renderer.EndLine(nullptr);
  return out;
}

std::unique_ptr<Fragment> Template::Prepare(const std::vector<std::string>& path,
                                            View fixed, const Varying& varying,
                                            Lang lang) const {
  const Node* section = nullptr;
  const std::vector<Node>* nodes = &nodes_;
  for (const std::string& name : path) {
    section = nullptr;
    for (const Node& node : *nodes) {
      if (node.kind == Node::Kind::kSection && node.path.size() == 1 &&
          node.path.front() == name) {
        section = &node;
        break;
      }
    }
    if (section == nullptr) throw SystemError("the template has no section " + name);
    nodes = &section->children;
  }
  if (section == nullptr) throw SystemError("a fragment needs a section");
  std::unique_ptr<Fragment> fragment(new Fragment());
  fragment->fixed_ = std::move(fixed);
  fragment->section_ = section;
  Preparer preparer(fragment->steps_, fragment->fixed_, lang, varying);
  preparer.Walk(section->children);
  return fragment;
}

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

}  // namespace

Templates::Templates() : parsed_(std::make_unique<Parsed>()) {
  std::map<std::string, std::string, std::less<>> raw;
  for (const EmbeddedFile& file : TemplateFiles()) {
    std::string_view name = FileName(file.path);
    if (!name.ends_with(".mustache")) continue;
    raw[std::string(name.substr(0, name.size() - 9))] = std::string(file.contents);
  }
  for (const auto& [key, text] : raw) {
    auto parsed = Template::Parse(Compose(raw, text, 0));
    if (!parsed.ok()) {
      throw SystemError("template " + key + ": " + parsed.status().message());
    }
    parsed_->templates.emplace(key, std::move(*parsed));
  }
}

Templates::~Templates() = default;

std::unique_ptr<Fragment> Templates::Prepare(
    std::string_view name, const std::vector<std::string>& path, View fixed,
    const Template::Varying& varying, Lang lang) const {
  auto found = parsed_->templates.find(name);
  if (found == parsed_->templates.end()) {
    throw SystemError("there is no template " + std::string(name));
  }
  return found->second.Prepare(path, std::move(fixed), varying, lang);
}

const Templates& Templates::Builtin() {
  static const Templates* templates = new Templates();
  return *templates;
}

std::string Templates::Render(std::string_view name, const View& view,
                              Lang lang) const {
  auto found = parsed_->templates.find(name);
  if (found == parsed_->templates.end()) {
    throw SystemError("there is no template " + std::string(name));
  }
  return found->second.Render(view, lang);
}

}  // namespace kartla::pages
