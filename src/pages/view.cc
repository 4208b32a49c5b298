#include "pages/view.h"

namespace kartla::pages {

View View::Text(std::string text) {
  View view;
  view.kind_ = Kind::kText;
  view.text_ = std::move(text);
  return view;
}

View& View::Field(const std::string& key) {
  for (auto& [name, value] : fields_) {
    if (name == key) return value;
  }
  fields_.emplace_back(key, View());
  return fields_.back().second;
}

View& View::Set(const std::string& key, std::string text) {
  Field(key) = Text(std::move(text));
  return *this;
}

View& View::Set(const std::string& key, const char* text) {
  return Set(key, std::string(text));
}

View& View::Set(const std::string& key, bool flag) {
  View& field = Field(key);
  field = View();
  field.kind_ = Kind::kFlag;
  field.flag_ = flag;
  return *this;
}

View& View::Set(const std::string& key, View child) {
  Field(key) = std::move(child);
  return *this;
}

View& View::List(const std::string& key) {
  View& field = Field(key);
  if (field.kind_ != Kind::kList) {
    field = View();
    field.kind_ = Kind::kList;
  }
  return field;
}

View& View::Add(const std::string& key, View item) {
  List(key).items_.push_back(std::move(item));
  return *this;
}

}  // namespace kartla::pages
