// The mustache templates of templates/, compiled into the program and
// parsed once, and the interface strings of templates/messages.csv in
// Finnish, Swedish and English.
#ifndef KARTLA_PAGES_TEMPLATES_H_
#define KARTLA_PAGES_TEMPLATES_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "pages/view.h"

namespace kartla::pages {

// Thread-safe after construction.
class Catalogue {
 public:
  // Reads the built-in templates/messages.csv. Throws SystemError if the
  // program was built with a broken catalogue (a test guards it).
  static const Catalogue& Builtin();
  // A catalogue from a CSV file of columns key, fi, sv, en (as
  // templates/messages.csv and templates/mail/messages.csv are), and a
  // column for each language added, headed by its tag ("se"). A message
  // left empty in an added language is given in English.
  static Result<Catalogue> Parse(std::string_view csv, std::string_view file);

  // The message `key`, or null.
  const LocalizedText* Find(std::string_view key) const;

  // The message `key` in `lang`, with {0}, {1}... replaced by `args`.
  // An unknown key gives the key itself, so that a gap shows and is found.
  std::string Get(std::string_view key, Lang lang,
                  const std::vector<std::string>& args = {}) const;
  // Every message in `lang`, for templates ({{t.key}}).
  View All(Lang lang) const;
  // Keys lacking a translation in some language.
  std::vector<std::string> Untranslated() const;
  // Whether the interface is written in `lang`: fi, sv, en, and the
  // languages added as columns.
  bool Speaks(Lang lang) const;

 private:
  std::map<std::string, LocalizedText, std::less<>> messages_;
  std::vector<Lang> added_;
};

// One mustache template, parsed by kainjow mustache and rendered straight
// from a View, with kainjow's semantics (escaping, sections over lists and
// values, inverted sections, dotted names, lines holding only a section tag
// left out). kainjow's own renderer needs the View converted to its data
// and walks it through std::function calls; that was half the cost of a
// questionnaire page. Besides: {{t.KEY}} is the interface message KEY, and
// has_KEY is true if the text or list KEY is not empty.
// Thread-safe: rendering does not change the template.
class Template {
 public:
  // Parses `source` (partials already written in). The error says where.
  static Result<Template> Parse(const std::string& source);
  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;
  ~Template();

  std::string Render(const View& view, Lang lang) const;

  // What varies in a prepared section: the names the prepared view holds
  // (`own`), and those the overlays of views nested in the fixed view hold
  // (`nested`). A name KEY also covers has_KEY.
  struct Varying {
    std::set<std::string, std::less<>> own;
    std::set<std::string, std::less<>> nested;
  };

  // The section reached through the nested sections `path` (e.g. {"blocks",
  // "item"}) rendered in advance over `fixed`: what is left to each render
  // is a name that may be found among what varies before it is found in
  // `fixed`, "." and names `fixed` lacks, looked up as usual. A
  // View::Prepared over the fragment, holding the varying fields (and
  // overlays of the views nested in `fixed`, which sections enter), then
  // renders in that section as the merged view would.
  // REQUIRES: the fields of the prepared view and of overlays are named in
  // `varying`. Throws SystemError if there is no such section.
  std::unique_ptr<Fragment> Prepare(const std::vector<std::string>& path, View fixed,
                                    const Varying& varying, Lang lang) const;

  struct Node;  // a part of the template (templates.cc)

 private:
  Template();
  std::vector<Node> nodes_;
  size_t typical_size_ = 4096;
};

// A section of a template rendered in advance over the data that does not
// change between renders (Template::Prepare). Immutable.
class Fragment {
 public:
  ~Fragment();
  // The data it was prepared over; views nested in it are what
  // View::Overlay takes.
  const View& fixed() const { return fixed_; }

  struct Step;  // a step of the rendering left (templates.cc)
  const Template::Node* section() const { return section_; }
  const std::vector<Step>& steps() const { return steps_; }

 private:
  friend class Template;
  Fragment();
  View fixed_;
  const Template::Node* section_ = nullptr;
  std::vector<Step> steps_;
};

// Thread-safe after construction.
class Templates {
 public:
  static const Templates& Builtin();
  ~Templates();

  // Renders template `name` (templates/NAME.mustache) with `view`; every
  // template is available as a partial ({{> _name}}), written in when the
  // templates are loaded. HTML in values is
  // escaped unless the template uses {{{triple}}} braces. Every text value
  // KEY also gives a flag has_KEY, for {{#has_KEY}} sections.
  // The interface messages of `lang` are there as {{t.KEY}}.
  // REQUIRES: the template exists.
  std::string Render(std::string_view name, const View& view, Lang lang) const;
  // Template::Prepare of template `name`.
  std::unique_ptr<Fragment> Prepare(std::string_view name, const std::vector<std::string>& path,
                                    View fixed, const Template::Varying& varying,
                                    Lang lang) const;

 private:
  Templates();
  struct Parsed;
  std::unique_ptr<Parsed> parsed_;
};

}  // namespace kartla::pages

#endif  // KARTLA_PAGES_TEMPLATES_H_
