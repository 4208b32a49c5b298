// The data a template is rendered with: text, flags, nested views and lists
// of views. Kept free of the template library so that only templates.cc
// includes it.
#ifndef KARTLA_PAGES_VIEW_H_
#define KARTLA_PAGES_VIEW_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kartla::pages {

class Fragment;  // templates.h

class View {
 public:
  enum class Kind { kObject, kText, kFlag, kList };

  View() = default;
  // A text value; templates escape it.
  static View Text(std::string text);
  // A flag: a section over it is shown if it is true.
  static View Flag(bool flag);
  // A view of the section `fragment` was prepared for (Templates::Prepare):
  // its own fields are what varies, the fragment's fixed view the rest.
  // REQUIRES: `fragment` outlives the view.
  static View Prepared(const Fragment& fragment);

  View& Set(std::string_view key, std::string text);
  View& Set(std::string_view key, const char* text);
  View& Set(std::string_view key, bool flag);
  View& Set(std::string_view key, View child);
  // Appends to the list `key`, creating it.
  View& Add(std::string_view key, View item);
  // The list `key` (created empty if missing), so that a template's
  // {{#key}} renders nothing rather than the parent.
  View& List(std::string_view key);
  // In a prepared view: what varies of `fixed`, a view nested in the
  // fragment's fixed view (a choice, say). The shared form requires
  // `varying` to outlive this view.
  View& Overlay(const View& fixed, View varying);
  View& Overlay(const View& fixed, const View* shared);

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  bool flag() const { return flag_; }
  const std::vector<std::pair<std::string, View>>& fields() const { return fields_; }
  const std::vector<View>& items() const { return items_; }
  // The field `key`, or null.
  const View* Field(std::string_view key) const;
  // The field `key` whose KeyHash is `hash`, or null.
  const View* Field(std::string_view key, uint32_t hash) const;
  // The hash of the key this view is a field under (0 if it is none's).
  uint32_t key_hash() const { return key_hash_; }
  // A hash of a field's name, compared before the name when looking it up;
  // never 0.
  static constexpr uint32_t KeyHash(std::string_view key) {
    uint32_t hash = 2166136261u;  // FNV-1a
    for (char c : key) hash = (hash ^ uint8_t(c)) * 16777619u;
    return hash == 0 ? 1 : hash;
  }
  // The fragment of a prepared view, or null.
  const Fragment* fragment() const { return prepared_ ? prepared_->fragment : nullptr; }
  // What varies of `fixed` in a prepared view, or null.
  const View* OverlayOf(const View* fixed) const;

 private:
  // The field `key` (whose KeyHash is `hash`), or null.
  View* Find(std::string_view key, uint32_t hash);
  // Sets the field `key` to `value` (added at the end if new).
  View& Put(std::string_view key, View value);

  Kind kind_ = Kind::kObject;
  bool flag_ = false;
  uint32_t key_hash_ = 0;
  std::string text_;
  std::vector<std::pair<std::string, View>> fields_;
  std::vector<View> items_;
  struct Preparation {
    const Fragment* fragment = nullptr;
    std::vector<std::pair<const View*, const View*>> overlays;  // fixed -> varying
    std::vector<std::unique_ptr<View>> owned;                   // owned overlays
  };
  std::shared_ptr<Preparation> prepared_;
};

}  // namespace kartla::pages

#endif  // KARTLA_PAGES_VIEW_H_
