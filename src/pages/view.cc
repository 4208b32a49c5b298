#include "pages/view.h"

namespace kartla::pages {

View View::Text(std::string text) {
  View view;
  view.kind_ = Kind::kText;
  view.text_ = std::move(text);
  return view;
}

View View::Flag(bool flag) {
  View view;
  view.kind_ = Kind::kFlag;
  view.flag_ = flag;
  return view;
}

View View::Prepared(const Fragment& fragment) {
  View view;
  view.prepared_ = std::make_shared<Preparation>();
  view.prepared_->fragment = &fragment;
  return view;
}

View& View::Overlay(const View& fixed, View varying) {
  auto owned = std::make_unique<View>(std::move(varying));
  Overlay(fixed, owned.get());
  prepared_->owned.push_back(std::move(owned));
  return *this;
}

View& View::Overlay(const View& fixed, const View* shared) {
  if (!prepared_) prepared_ = std::make_shared<Preparation>();
  prepared_->overlays.emplace_back(&fixed, shared);
  return *this;
}

const View* View::OverlayOf(const View* fixed) const {
  if (!prepared_) return nullptr;
  for (const auto& [from, to] : prepared_->overlays) {
    if (from == fixed) return to;
  }
  return nullptr;
}

const View* View::Field(std::string_view key) const {
  return Field(key, KeyHash(key));
}

const View* View::Field(std::string_view key, uint32_t hash) const {
  for (const auto& [name, value] : fields_) {
    if (value.key_hash_ == hash && name == key) return &value;
  }
  return nullptr;
}

View* View::Find(std::string_view key, uint32_t hash) {
  return const_cast<View*>(static_cast<const View*>(this)->Field(key, hash));
}

View& View::Put(std::string_view key, View value) {
  uint32_t hash = KeyHash(key);
  value.key_hash_ = hash;
  if (View* field = Find(key, hash)) {
    *field = std::move(value);
    return *field;
  }
  // Most views have a handful of fields: room for them at once, rather
  // than moving them all at each doubling.
  if (fields_.empty()) fields_.reserve(8);
  return fields_.emplace_back(std::string(key), std::move(value)).second;
}

View& View::Set(std::string_view key, std::string text) {
  Put(key, Text(std::move(text)));
  return *this;
}

View& View::Set(std::string_view key, const char* text) {
  return Set(key, std::string(text));
}

View& View::Set(std::string_view key, bool flag) {
  Put(key, Flag(flag));
  return *this;
}

View& View::Set(std::string_view key, View child) {
  Put(key, std::move(child));
  return *this;
}

View& View::List(std::string_view key) {
  if (View* field = Find(key, KeyHash(key)); field != nullptr && field->kind_ == Kind::kList) {
    return *field;
  }
  View list;
  list.kind_ = Kind::kList;
  return Put(key, std::move(list));
}

View& View::Add(std::string_view key, View item) {
  std::vector<View>& items = List(key).items_;
  if (items.empty()) items.reserve(8);
  items.push_back(std::move(item));
  return *this;
}

}  // namespace kartla::pages
