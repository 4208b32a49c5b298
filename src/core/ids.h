// Typed identifiers: an Id<Tag> is a 64-bit database row id that cannot be
// mixed up with the id of another kind of thing.

#ifndef KARTLA_CORE_IDS_H_
#define KARTLA_CORE_IDS_H_

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace kartla {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(int64_t value) : value_(value) {}

  constexpr int64_t value() const { return value_; }
  // An id of 0 names nothing; stores never hand one out.
  constexpr bool valid() const { return value_ > 0; }
  std::string ToString() const { return std::to_string(value_); }

  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  int64_t value_ = 0;
};

}  // namespace kartla

template <typename Tag>
struct std::hash<kartla::Id<Tag>> {
  size_t operator()(kartla::Id<Tag> id) const noexcept {
    return std::hash<int64_t>()(id.value());
  }
};

#endif  // KARTLA_CORE_IDS_H_
