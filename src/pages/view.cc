#include "pages/view.h"

namespace kartla::pages {

View View::Text(std::string text) {
  View view;
  view.kind_ = Kind::kText;
  view.text_ = std::move(text);
  return view;
}

View& View::Field(std::string_view key) {
  for (auto& [name, value] : fields_) {
    if (name == key) return value;
  }
  // Most views have a handful of fields: room for them at once, rather
  // than moving them all at each doubling.
  if (fields_.empty()) fields_.reserve(8);
  fields_.emplace_back(std::string(key), View());
  return fields_.back().second;
}

View& View::Set(std::string_view key, std::string text) {
  Field(key) = Text(std::move(text));
  return *this;
}

View& View::Set(std::string_view key, const char* text) {
  return Set(key, std::string(text));
}

View& View::Set(std::string_view key, bool flag) {
  View& field = Field(key);
  field = View();
  field.kind_ = Kind::kFlag;
  field.flag_ = flag;
  return *this;
}

View& View::Set(std::string_view key, View child) {
  Field(key) = std::move(child);
  return *this;
}

View& View::List(std::string_view key) {
  View& field = Field(key);
  if (field.kind_ != Kind::kList) {
    field = View();
    field.kind_ = Kind::kList;
  }
  return field;
}

View& View::Add(std::string_view key, View item) {
  std::vector<View>& items = List(key).items_;
  if (items.empty()) items.reserve(8);
  items.push_back(std::move(item));
  return *this;
}

}  // namespace kartla::pages
