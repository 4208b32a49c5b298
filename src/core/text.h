// Languages and text: the three interface languages, text in all three,
// UTF-8 checks and number formatting as each language writes numbers.

#ifndef KARTLA_CORE_TEXT_H_
#define KARTLA_CORE_TEXT_H_

#include <array>
#include <map>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kartla {

// A language. Kartla's interface and publications are in Finnish, Swedish
// and English (kAllLangs); a questionnaire may be written in any language,
// and each other language a form or a message catalogue is written in is
// registered when first met (LanguageOfTag) and gets a value of its own
// (3, 4, ...), named by its tag (LangCode).
enum class Lang : uint8_t { kFi, kSv, kEn };

inline constexpr std::array<Lang, 3> kAllLangs = {Lang::kFi, Lang::kSv,
                                                  Lang::kEn};

// How many languages a process holds at most, the three included: the
// tags come from forms and catalogues, which are few, but a server must
// not grow without bound on what it is given.
inline constexpr size_t kMaxLangs = 64;

// "fi", "sv", "en", or a registered language's tag ("se", "et", "de-CH").
std::string_view LangCode(Lang lang);
// The language's name in itself, as a language switch offers it:
// "Suomeksi", "På svenska", "In English", "Davvisámegillii"; the tag of a
// language Kartla has no name for.
std::string_view LanguageName(Lang lang);
// Accepts "fi", "sv", "en" in any case, and BCP 47 tags that start with them
// ("sv-FI", "en_GB"): the three languages of the interface. Returns nullopt
// otherwise.
std::optional<Lang> ParseLang(std::string_view tag);

// A well-formed BCP 47 language tag of the common kinds (language of two or
// three letters, optional script, region and variants: "se", "smn",
// "sr-Latn", "de-CH", "sv_FI"), in its usual case ("sr-Latn-RS"); nullopt
// for anything else.
std::optional<std::string> NormalizeLanguageTag(std::string_view text);
// The tag of a language name older XLSForms write alone ("English",
// "Suomi", "Svenska", "Northern Sami", "Davvisámegiella", "Eesti", ...), in
// any case; nullopt for a name Kartla does not know.
std::optional<std::string> TagOfLanguageName(std::string_view name);
// The language's English name, as XLSForm headers write it
// ("label::Northern Sami (se)"); the tag where Kartla has none.
std::string EnglishLanguageName(Lang lang);
// The language of a tag NormalizeLanguageTag accepts: fi, sv and en (also
// with a region: "sv-FI") are the interface's; any other is registered on
// first use. nullopt for a tag that is not well formed, or when kMaxLangs
// languages are held already. Thread-safe.
std::optional<Lang> LanguageOfTag(std::string_view tag);
// Orders languages as forms list them: fi, sv, en, then the others by tag
// (not by when they were registered, which differs between runs).
bool LangBefore(Lang a, Lang b);

// A text in Finnish, Swedish and English, and in any other languages.
// Any of them may be empty.
struct LocalizedText {
  LocalizedText() = default;
  LocalizedText(std::string in_fi, std::string in_sv, std::string in_en)
      : fi(std::move(in_fi)), sv(std::move(in_sv)), en(std::move(in_en)) {}

  std::string fi;
  std::string sv;
  std::string en;
  // In the other languages, by tag ("se", "et"): a questionnaire's texts.
  std::map<std::string, std::string, std::less<>> other;

  // The text in `lang`; if that is empty, the first non-empty one of
  // English, Finnish, Swedish and the other languages (by tag); empty only
  // if all are.
  const std::string& Get(Lang lang) const;
  // The text in `lang` exactly, without falling back; may be empty.
  const std::string& Exact(Lang lang) const;
  std::string& Mutable(Lang lang);
  bool empty() const;

  friend bool operator==(const LocalizedText&,
                         const LocalizedText&) = default;
};

// Returns the byte offset of the first byte that is not part of valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid),
// or nullopt if all of `text` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// The number of code points in valid UTF-8 `text`: its width in a terminal
// for the Latin scripts Kartla prints.
size_t DisplayWidth(std::string_view text);

// Writes an integer with the thousands separator of `lang`: "12,345" in
// English, "12 345" (no-break space) in Finnish and Swedish.
std::string FormatInteger(int64_t value, Lang lang);

// A percentage as every page, table and file of Kartla writes it: "42 %"
// (`decimals` after the point: "41.7 %"), rounded half to even as R's
// round() and printf are, so that the same figure reads the same
// everywhere; "–" for a missing value (NaN).
std::string FormatPercent(double percent, int decimals = 0);
// `share` (0–1) as a percentage.
inline std::string FormatShare(double share, int decimals = 0) {
  return FormatPercent(100 * share, decimals);
}
// A number with `decimals` decimals as `lang` writes it (FormatNumberText):
// "1 234,5" in Finnish and Swedish, "1,234.5" in English; "–" for NaN.
std::string FormatDecimal(double value, int decimals, Lang lang);
// A percentage as `lang` writes it: "18,8 %" in Finnish and Swedish,
// "18.8 %" in English; "–" for NaN.
std::string FormatPercent(double percent, int decimals, Lang lang);
// `part` of `whole` as a percentage; "–" when `whole` is not positive.
inline std::string FormatPercentOf(double part, double whole) {
  return whole > 0 ? FormatPercent(100.0 * part / whole) : "–";
}

// Parses all of `text` as a decimal integer ("-12", "9183"); nullopt for
// anything else, including surrounding spaces and overflow.
std::optional<int64_t> ParseInteger(std::string_view text);

// Parses all of `text` as a decimal number, with a decimal point or, as
// Finnish and Swedish write it, a decimal comma ("12.5", "12,5").
std::optional<double> ParseDecimal(std::string_view text);

// A number as a person typed it, in the form ParseInteger and ParseDecimal
// read ("-1234.5"): thousands separated by spaces (also no-break and thin
// spaces), by commas or by points where the grouping is right ("1 234",
// "1,234,567", "1.234.567"), a decimal comma or point ("12,5", "12.5"),
// and both ("1.234,5", "1,234.5": the last mark is the decimal one). A
// lone comma followed by three digits is a thousands separator in English
// ("1,234") and a decimal comma in Finnish and Swedish. A leading "+" or
// the minus sign U+2212 are read as signs. Anything else is returned as
// typed (trimmed), for the check to refuse with its message.
std::string NormalizeTypedNumber(std::string_view typed, Lang lang);

// A number as NormalizeTypedNumber gives it ("-1234.5"), written as `lang`
// writes it, with all its decimals: "-1 234,5" (no-break space, decimal
// comma) in Finnish and Swedish, "-1,234.5" in English; other text is
// returned unchanged.
std::string FormatNumberText(std::string_view number, Lang lang);

// The words of `text` separated by spaces (empty words dropped): the choice
// names of a select_multiple answer, the parts of "start=1 end=5".
std::vector<std::string> SplitWords(std::string_view text);

// Trims ASCII white space from both ends.
std::string_view Trim(std::string_view text);

// ASCII lower case.
std::string AsciiLower(std::string_view text);
// ASCII upper case.
std::string AsciiUpper(std::string_view text);
// `text` (UTF-8) in lower case, every letter as the C library's Unicode
// tables (glibc's C.UTF-8) map it: "ÄÅÖ Šakki" -> "äåö šakki", for
// searches that ignore case. Invalid bytes are kept as they are.
std::string FoldCase(std::string_view text);
// Whether `a` and `b` are equal but for ASCII case (header names, say).
bool EqualsIgnoringCase(std::string_view a, std::string_view b);

// `text` cut to at most `bytes` bytes, at the start of a UTF-8 character.
std::string CutUtf8(std::string_view text, size_t bytes);

// A day as `lang` writes it in running text: "31.1.2026" (fi),
// "31 januari 2026" (sv), "31 January 2026" (en).
std::string FormatDay(int year, unsigned month, unsigned day, Lang lang);

// `text` safe to write on one line of a log: each control character (below
// 0x20, and 0x7F) and each backslash is written as a C escape (\r, \n,
// \t, \\, \x00), so that outside input cannot start a line of its own or
// pass for an escape. Other bytes are kept.
std::string EscapeControls(std::string_view text);

// `pattern` with each {0}, {1}... replaced by that argument, as the
// interface's catalogue writes its messages ("${{0}}" gives "${name}").
// A placeholder with no argument stays as it is; the arguments themselves
// are never read for placeholders.
std::string FillPlaceholders(std::string_view pattern, const std::vector<std::string>& args);

}  // namespace kartla

#endif  // KARTLA_CORE_TEXT_H_
