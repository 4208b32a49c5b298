#include "core/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cwctype>
#include <locale.h>
#include <charconv>
#include <map>
#include <mutex>
#include <cmath>
#include <string>

namespace kartla {

namespace {

// The languages registered beyond the three: their tags, by value - 3.
// A tag is written before `registered_count` is raised past it, and never
// changed, so a reader that sees the count sees the tags below it.
struct Registry {
  std::mutex mutex;
  std::array<std::string, kMaxLangs - 3> tags;
  std::atomic<size_t> count{0};
};

Registry& Languages() {
  static Registry* registry = new Registry();
  return *registry;
}

// Names, in themselves (for a language switch) and in English (for XLSForm
// headers), of the languages a Nordic survey may meet.
struct KnownLanguage {
  std::string_view tag, own_name, english_name;
};
constexpr KnownLanguage kKnownLanguages[] = {
    {"fi", "Suomeksi", "Finnish"},
    {"sv", "På svenska", "Swedish"},
    {"en", "In English", "English"},
    {"se", "Davvisámegillii", "Northern Sami"},
    {"smn", "Anarâškielân", "Inari Sami"},
    {"sms", "Nuõrttsääʹmǩiõʹlle", "Skolt Sami"},
    {"sma", "Åarjelsaemien gïelesne", "Southern Sami"},
    {"smj", "Julevsámegiellaj", "Lule Sami"},
    {"et", "Eesti keeles", "Estonian"},
    {"de", "Auf Deutsch", "German"},
    {"fr", "En français", "French"},
    {"es", "En español", "Spanish"},
    {"nb", "På norsk bokmål", "Norwegian Bokmål"},
    {"nn", "På nynorsk", "Norwegian Nynorsk"},
    {"no", "På norsk", "Norwegian"},
    {"da", "På dansk", "Danish"},
    {"is", "Á íslensku", "Icelandic"},
    {"ru", "По-русски", "Russian"},
    {"uk", "Українською", "Ukrainian"},
    {"so", "Af-Soomaali", "Somali"},
};

const KnownLanguage* FindKnown(std::string_view tag) {
  for (const KnownLanguage& known : kKnownLanguages) {
    if (known.tag == tag) return &known;
  }
  return nullptr;
}

enum class CharKind { kAlpha, kDigit, kAlnum };

bool AllOf(std::string_view text, CharKind kind) {
  return std::all_of(text.begin(), text.end(), [kind](char c) {
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool digit = c >= '0' && c <= '9';
    return kind == CharKind::kAlpha ? alpha : kind == CharKind::kDigit ? digit : alpha || digit;
  });
}

}  // namespace

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kFi:
      return "fi";
    case Lang::kSv:
      return "sv";
    case Lang::kEn:
      return "en";
  }
  size_t index = size_t(lang) - 3;
  Registry& registry = Languages();
  if (index < registry.count.load(std::memory_order_acquire)) return registry.tags[index];
  return "und";
}

std::string_view LanguageName(Lang lang) {
  std::string_view tag = LangCode(lang);
  const KnownLanguage* known = FindKnown(tag.substr(0, tag.find('-')));
  return known ? known->own_name : tag;
}

std::string EnglishLanguageName(Lang lang) {
  std::string_view tag = LangCode(lang);
  const KnownLanguage* known = FindKnown(tag);
  return std::string(known ? known->english_name : tag);
}

std::optional<Lang> ParseLang(std::string_view tag) {
  if (tag.size() < 2 || (tag.size() > 2 && tag[2] != '-' && tag[2] != '_')) {
    return std::nullopt;
  }
  std::string code = AsciiLower(tag.substr(0, 2));
  for (Lang lang : kAllLangs) {
    if (code == LangCode(lang)) return lang;
  }
  return std::nullopt;
}

std::optional<std::string> NormalizeLanguageTag(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > 35) return std::nullopt;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find_first_of("-_", start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  // language: 2 or 3 letters
  std::string tag = AsciiLower(parts[0]);
  if (tag.size() < 2 || tag.size() > 3 || !AllOf(tag, CharKind::kAlpha)) return std::nullopt;
  size_t i = 1;
  if (i < parts.size() && parts[i].size() == 4 && AllOf(parts[i], CharKind::kAlpha)) {  // script
    std::string script = AsciiLower(parts[i++]);
    script[0] = char(std::toupper(static_cast<unsigned char>(script[0])));
    tag += "-" + script;
  }
  if (i < parts.size() && ((parts[i].size() == 2 && AllOf(parts[i], CharKind::kAlpha)) ||
                           (parts[i].size() == 3 && AllOf(parts[i], CharKind::kDigit)))) {  // region
    tag += "-" + AsciiUpper(parts[i++]);
  }
  for (; i < parts.size(); ++i) {  // variants: 5-8 alphanumerics, or a digit and 3
    const std::string& part = parts[i];
    bool variant = (part.size() >= 5 && part.size() <= 8 && AllOf(part, CharKind::kAlnum)) ||
                   (part.size() == 4 && part[0] >= '0' && part[0] <= '9' &&
                    AllOf(part, CharKind::kAlnum));
    if (!variant) return std::nullopt;
    tag += "-" + AsciiLower(part);
  }
  return tag;
}

std::optional<std::string> TagOfLanguageName(std::string_view name) {
  static const std::map<std::string, std::string_view, std::less<>> kNames = [] {
    std::map<std::string, std::string_view, std::less<>> names = {
        {"english", "en"},  {"finnish", "fi"},  {"suomi", "fi"},     {"swedish", "sv"},
        {"svenska", "sv"},  {"ruotsi", "sv"},   {"finska", "fi"},    {"engelska", "en"},
        {"englanti", "en"}, {"sami", "se"},     {"sámi", "se"},      {"saame", "se"},
        {"davvisámegiella", "se"}, {"pohjoissaame", "se"}, {"nordsamiska", "se"},
        {"anarâškielâ", "smn"}, {"inarinsaame", "smn"}, {"koltansaame", "sms"},
        {"eesti", "et"},    {"viro", "et"},     {"estniska", "et"},  {"deutsch", "de"},
        {"saksa", "de"},    {"tyska", "de"},    {"français", "fr"},  {"español", "es"},
        {"norsk", "no"},    {"dansk", "da"},    {"íslenska", "is"},  {"русский", "ru"},
        {"українська", "uk"}, {"soomaali", "so"}};
    for (const KnownLanguage& known : kKnownLanguages) {
      names.emplace(AsciiLower(known.english_name), known.tag);
    }
    names.emplace("northern sámi", "se");
    names.emplace("inari sámi", "smn");
    names.emplace("skolt sámi", "sms");
    return names;
  }();
  // ASCII letters in any case; the others as the table writes them.
  std::string key = AsciiLower(Trim(name));
  if (auto it = kNames.find(key); it != kNames.end()) return std::string(it->second);
  return std::nullopt;
}

std::optional<Lang> LanguageOfTag(std::string_view text) {
  auto tag = NormalizeLanguageTag(text);
  if (!tag) return std::nullopt;
  if (auto lang = ParseLang(*tag)) return lang;
  Registry& registry = Languages();
  size_t count = registry.count.load(std::memory_order_acquire);
  for (size_t i = 0; i < count; ++i) {
    if (registry.tags[i] == *tag) return Lang(i + 3);
  }
  std::lock_guard lock(registry.mutex);
  count = registry.count.load(std::memory_order_relaxed);
  for (size_t i = 0; i < count; ++i) {
    if (registry.tags[i] == *tag) return Lang(i + 3);
  }
  if (count == registry.tags.size()) return std::nullopt;
  registry.tags[count] = *tag;
  registry.count.store(count + 1, std::memory_order_release);
  return Lang(count + 3);
}

bool LangBefore(Lang a, Lang b) {
  bool a_own = size_t(a) < 3, b_own = size_t(b) < 3;
  if (a_own || b_own) return a_own && b_own ? a < b : a_own;
  return LangCode(a) < LangCode(b);
}

namespace {
const std::string& EmptyText() {
  static const std::string* empty = new std::string();
  return *empty;
}
}  // namespace

const std::string& LocalizedText::Exact(Lang lang) const {
  switch (lang) {
    case Lang::kFi: return fi;
    case Lang::kSv: return sv;
    case Lang::kEn: return en;
  }
  auto it = other.find(LangCode(lang));
  return it == other.end() ? EmptyText() : it->second;
}

const std::string& LocalizedText::Get(Lang lang) const {
  const std::string& wanted = Exact(lang);
  if (!wanted.empty()) return wanted;
  if (!en.empty()) return en;
  if (!fi.empty()) return fi;
  if (!sv.empty()) return sv;
  for (const auto& [tag, text] : other) {
    if (!text.empty()) return text;
  }
  return sv;
}

std::string& LocalizedText::Mutable(Lang lang) {
  switch (lang) {
    case Lang::kFi: return fi;
    case Lang::kSv: return sv;
    case Lang::kEn: return en;
  }
  auto it = other.find(LangCode(lang));
  if (it == other.end()) it = other.emplace(std::string(LangCode(lang)), "").first;
  return it->second;
}

bool LocalizedText::empty() const {
  return fi.empty() && sv.empty() && en.empty() &&
         std::all_of(other.begin(), other.end(),
                     [](const auto& entry) { return entry.second.empty(); });
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += length;
  }
  return std::nullopt;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string FormatInteger(int64_t value, Lang lang) {
  std::string digits = std::to_string(value < 0 ? -(value + 1) + 1ULL
                                                : uint64_t(value));
  const std::string separator = lang == Lang::kEn ? "," : "\u00A0";
  std::string out = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseDecimal(std::string_view text) {
  std::string copy(text);
  if (copy.find('.') == std::string::npos) {
    for (char& c : copy) {
      if (c == ',') c = '.';
    }
  }
  double value = 0;
  auto [end, error] =
      std::from_chars(copy.data(), copy.data() + copy.size(), value);
  if (copy.empty() || error != std::errc() ||
      end != copy.data() + copy.size()) {
    return std::nullopt;
  }
  return value;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether the digit groups of `digits`, split at `separator`, are those of
// a grouped number: 1–3 digits, then 3 at a time.
bool Grouped(std::string_view digits, char separator) {
  size_t begin = 0;
  for (bool first = true;; first = false) {
    size_t end = digits.find(separator, begin);
    std::string_view group = digits.substr(begin, end == std::string_view::npos ? end : end - begin);
    if (group.empty() || group.size() > 3 || (!first && group.size() != 3)) return false;
    for (char c : group) {
      if (!IsDigit(c)) return false;
    }
    if (end == std::string_view::npos) return true;
    begin = end + 1;
  }
}

}  // namespace

std::string NormalizeTypedNumber(std::string_view typed, Lang lang) {
  const std::string_view trimmed = Trim(typed);
  std::string text;
  // Spaces of every width become one group separator, '\x01'.
  for (size_t i = 0; i < trimmed.size();) {
    static constexpr std::string_view kSpaces[] = {" ", "\u00A0", "\u202F", "\u2009"};
    bool space = false;
    for (std::string_view s : kSpaces) {
      if (trimmed.substr(i).starts_with(s)) {
        text += '\x01';
        i += s.size();
        space = true;
        break;
      }
    }
    if (!space) text += trimmed[i++];
  }
  std::string sign;
  if (text.starts_with("\u2212")) {
    sign = "-";
    text.erase(0, 3);
  } else if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    if (text[0] == '-') sign = "-";
    text.erase(0, 1);
  }
  const size_t comma = text.rfind(','), point = text.rfind('.');
  const bool commas = comma != std::string::npos, points = point != std::string::npos;
  // Which mark, if any, is the decimal one.
  char decimal = 0;
  if (commas && points) {
    decimal = comma > point ? ',' : '.';
  } else if (commas) {
    const bool one = text.find(',') == comma;
    const bool three_after = text.size() - comma - 1 == 3;
    if (one && !(lang == Lang::kEn && three_after && Grouped(text.substr(0, comma), '\x01'))) {
      decimal = ',';
    }
  } else if (points) {
    if (text.find('.') == point) decimal = '.';
  }
  const size_t at = decimal ? text.rfind(decimal) : std::string::npos;
  std::string whole = text.substr(0, at);
  const std::string fraction = at == std::string::npos ? "" : text.substr(at + 1);
  // The group separator: spaces, or the mark that is not the decimal one.
  const char group = whole.find('\x01') != std::string::npos ? '\x01'
                     : whole.find(',') != std::string::npos ? ','
                     : whole.find('.') != std::string::npos ? '.'
                                                            : 0;
  if (group && !Grouped(whole, group)) return std::string(trimmed);
  if (group) std::erase(whole, group);
  if (whole.empty() && fraction.empty()) return std::string(trimmed);
  for (char c : whole + fraction) {
    if (!IsDigit(c)) return std::string(trimmed);
  }
  if (decimal && fraction.empty()) return std::string(trimmed);
  return sign + (whole.empty() ? "0" : whole) + (decimal ? "." + fraction : "");
}

std::string FormatNumberText(std::string_view number, Lang lang) {
  std::string_view digits = number;
  const bool negative = digits.starts_with('-');
  if (negative) digits.remove_prefix(1);
  const size_t point = digits.find('.');
  const std::string_view whole = digits.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty())) {
    return std::string(number);
  }
  for (char c : whole) {
    if (!IsDigit(c)) return std::string(number);
  }
  for (char c : fraction) {
    if (!IsDigit(c)) return std::string(number);
  }
  const std::string separator = lang == Lang::kEn ? "," : "\u00A0";
  std::string out = negative ? "-" : "";
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += separator;
    out += whole[i];
  }
  if (point != std::string_view::npos) {
    out += lang == Lang::kEn ? "." : ",";
    out += fraction;
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

namespace {

char AsciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLowerChar(c);
  return out;
}

std::string FoldCase(std::string_view text) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(0));
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // The character's length, from its first byte (0: not a first byte).
    const size_t length = byte < 0x80 ? 1 : (byte >> 5) == 6 ? 2 : (byte >> 4) == 14 ? 3
                        : (byte >> 3) == 30 ? 4 : 0;
    if (length == 1 || utf8 == locale_t(0)) {
      out += AsciiLowerChar(text[i++]);
      continue;
    }
    if (length == 0 || i + length > text.size() ||
        FindInvalidUtf8(text.substr(i, length)).has_value()) {
      out += text[i++];  // not UTF-8: kept
      continue;
    }
    char32_t character = byte & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      character = (character << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    const auto lower = static_cast<char32_t>(towlower_l(wint_t(character), utf8));
    if (lower < 0x80) {
      out += char(lower);
    } else if (lower < 0x800) {
      out += char(0xC0 | (lower >> 6));
      out += char(0x80 | (lower & 0x3F));
    } else if (lower < 0x10000) {
      out += char(0xE0 | (lower >> 12));
      out += char(0x80 | ((lower >> 6) & 0x3F));
      out += char(0x80 | (lower & 0x3F));
    } else {
      out += char(0xF0 | (lower >> 18));
      out += char(0x80 | ((lower >> 12) & 0x3F));
      out += char(0x80 | ((lower >> 6) & 0x3F));
      out += char(0x80 | (lower & 0x3F));
    }
    i += length;
  }
  return out;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLowerChar(a[i]) != AsciiLowerChar(b[i])) return false;
  }
  return true;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  }
  return out;
}

std::string CutUtf8(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::string FormatDay(int year, unsigned month, unsigned day, Lang lang) {
  static const char* const kSwedish[] = {"januari", "februari", "mars",     "april",
                                         "maj",     "juni",     "juli",     "augusti",
                                         "september", "oktober", "november", "december"};
  static const char* const kEnglish[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
  const std::string d = std::to_string(day), y = std::to_string(year);
  if (month < 1 || month > 12) return y;
  switch (lang) {
    case Lang::kFi: return d + "." + std::to_string(month) + "." + y;
    case Lang::kSv: return d + " " + kSwedish[month - 1] + " " + y;
    case Lang::kEn: return d + " " + kEnglish[month - 1] + " " + y;
  }
  // Other languages: as ISO 8601 writes it, which no reader mistakes.
  return fmt::format("{}-{:02}-{:02}", year, month, day);
}

std::string EscapeControls(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\r': escaped += "\\r"; break;
      case '\n': escaped += "\\n"; break;
      case '\t': escaped += "\\t"; break;
      case '\\': escaped += "\\\\"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          constexpr char kHex[] = "0123456789abcdef";
          escaped += "\\x";
          escaped += kHex[byte >> 4];
          escaped += kHex[byte & 0xf];
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end > i) words.emplace_back(text.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

std::string FormatPercent(double percent, int decimals) {
  if (std::isnan(percent)) return "–";
  return fmt::format("{:.{}f} %", percent, decimals);
}

std::string FormatDecimal(double value, int decimals, Lang lang) {
  if (std::isnan(value)) return "–";
  // fmt rounds as printf does, so the digits are FormatPercent's.
  std::string digits = fmt::format("{:.{}f}", value + 0.0, decimals);
  if (digits.starts_with("-") && digits.find_first_not_of("-0.") == std::string::npos) {
    digits.erase(0, 1);  // no "-0,0"
  }
  return FormatNumberText(digits, lang);
}

std::string FormatPercent(double percent, int decimals, Lang lang) {
  if (std::isnan(percent)) return "–";
  return FormatDecimal(percent, decimals, lang) + " %";
}

std::string FillPlaceholders(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      size_t end = i + 1;
      while (end < pattern.size() && end - i <= 3 && pattern[end] >= '0' && pattern[end] <= '9') {
        ++end;
      }
      if (end > i + 1 && end < pattern.size() && pattern[end] == '}') {
        size_t index = std::stoul(std::string(pattern.substr(i + 1, end - i - 1)));
        if (index < args.size()) {
          out += args[index];
          i = end + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace kartla
