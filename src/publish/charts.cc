#include "publish/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.h"

namespace kartla::publish {
namespace {

constexpr int kWidth = 680;
constexpr int kLabelWidth = 230;  // the row labels' column
constexpr int kPlotWidth = 330;   // bars from 0 to max
constexpr int kRowHeight = 26;
constexpr int kLineHeight = 15;
constexpr size_t kWrapAt = 34;  // characters per label line

// Shades from light to dark, each with a pattern, so that segments and
// series differ without colour too. Text on a shade is black on the light
// ones and white on the dark ones (contrast at least 4.5:1).
struct Fill {
  const char* colour;
  const char* pattern;  // the pattern's lines, drawn on the colour; "" none
  bool dark;
};
constexpr Fill kFills[] = {
    {"#dbe9f6", "", false},
    {"#9ecae1", "M0,8 L8,0", false},
    {"#4292c6", "", true},
    {"#1f5a96", "M0,4 L8,4", true},
    {"#0b2f5a", "", true},
    {"#c6dbef", "M4,0 L4,8", false},
    {"#6baed6", "M0,0 L8,8 M0,8 L8,0", false},
};
constexpr size_t kFillCount = std::size(kFills);
// Okabe and Ito's colours (2008), in an order whose neighbours differ in
// lightness as well as hue; the pattern tells them apart in grey too.
constexpr Fill kUnorderedFills[] = {
    {"#0072b2", "", true},
    {"#e69f00", "M0,8 L8,0", false},
    {"#56b4e9", "", false},
    {"#d55e00", "M0,4 L8,4", false},
    {"#009e73", "", false},
    {"#f0e442", "M4,0 L4,8", false},
    {"#cc79a7", "M0,0 L8,8 M0,8 L8,0", false},
};
static_assert(std::size(kUnorderedFills) == kFillCount);
const Fill& FillAt(const ChartText& text, size_t index) {
  // Through pointers: GCC makes `cond ? array : array` a temporary copy,
  // which a reference into it would outlive.
  const Fill* fills = text.unordered ? &kUnorderedFills[0] : &kFills[0];
  return fills[index % kFillCount];
}
constexpr const char* kApartColour = "#d9d9d9";  // "don't know": grey, apart

std::string Xml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A value as the chart's language writes it: "42 %", or a mean "3,4"
// (a whole number, as an axis's round ticks are, without decimals).
std::string Value(double value, const ChartText& text) {
  if (text.unit == "%") return FormatPercent(value, 0, text.lang);
  return FormatDecimal(value, std::abs(value - std::round(value)) < 1e-9 ? 0 : text.decimals,
                       text.lang);
}

// `text` in lines of at most kWrapAt characters (UTF-8 aware enough: it
// breaks at spaces only).
std::vector<std::string> Wrap(const std::string& text) {
  std::vector<std::string> lines(1);
  size_t start = 0;
  while (start <= text.size()) {
    size_t space = text.find(' ', start);
    std::string word = text.substr(start, space - start);
    if (!lines.back().empty() && lines.back().size() + 1 + word.size() > kWrapAt) {
      lines.emplace_back();
    }
    lines.back() += (lines.back().empty() ? "" : " ") + word;
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return lines;
}

// The rows a label takes.
int LabelLines(const std::string& label) { return int(Wrap(label).size()); }

std::string Label(const std::string& label, int x, int y, const char* anchor = "end") {
  std::vector<std::string> lines = Wrap(label);
  std::string out = fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">", x,
                                y - (int(lines.size()) - 1) * kLineHeight / 2, anchor);
  for (size_t i = 0; i < lines.size(); ++i) {
    out += fmt::format("<tspan x=\"{}\" dy=\"{}\">{}</tspan>", x, i == 0 ? 0 : kLineHeight,
                       Xml(lines[i]));
  }
  return out + "</text>";
}

// `fluid`: as wide as its container, the height following (else its own
// size in pixels).
std::string Open(const ChartText& text, int height, bool fluid = false) {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" "
      "{} role=\"img\" aria-labelledby=\"{}-t {}-d\" "
      "font-size=\"13\" font-family=\"sans-serif\">"
      "<title id=\"{}-t\">{}</title><desc id=\"{}-d\">{}</desc><defs>",
      kWidth, height,
      fluid ? std::string("width=\"100%\"")
            : fmt::format("width=\"{}\" height=\"{}\"", kWidth, height),
      text.id, text.id, text.id, Xml(text.title), text.id, Xml(text.description));
  for (size_t i = 0; i < kFillCount; ++i) {
    const Fill& fill = FillAt(text, i);
    out += fmt::format(
        "<pattern id=\"{}-p{}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"8\" height=\"8\" fill=\"{}\"/>",
        text.id, i, fill.colour);
    if (*fill.pattern) {
      out += fmt::format("<path d=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>", fill.pattern,
                         fill.dark ? "#ffffff" : "#08306b");
    }
    out += "</pattern>";
  }
  // What is suppressed in a stacked bar: grey, hatched.
  out += fmt::format(
      "<pattern id=\"{}-hidden\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
      "<rect width=\"6\" height=\"6\" fill=\"#f0f0f0\"/><path d=\"M0,6 L6,0\" "
      "stroke=\"#767676\" stroke-width=\"1\"/></pattern>",
      text.id);
  return out + "</defs>";
}

std::string FillOf(const ChartText& text, size_t index) {
  return fmt::format("url(#{}-p{})", text.id, index % kFillCount);
}

// The x axis: ticks at 0, 25, 50, 75 and 100 % of max, and a rule.
std::string Axis(int top, int bottom, double max, const ChartText& text) {
  std::string out;
  for (int tick = 0; tick <= 4; ++tick) {
    double x = kLabelWidth + 10 + kPlotWidth * tick / 4.0;
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"#767676\" "
        "stroke-width=\"0.5\"/><text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" "
        "fill=\"#333333\">{}</text>",
        x, top, x, bottom, x, bottom + 14, Xml(Value(max * tick / 4, text)));
  }
  return out;
}

std::string BarShape(const Bar& bar, int y, int height, double max, const std::string& fill,
                     const ChartText& text) {
  const double x0 = kLabelWidth + 10;
  if (!bar.value) {
    return fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", x0 + 4, y + height / 2 + 4,
                       bar.suppressed ? ".." : "–");
  }
  double length = kPlotWidth * std::clamp(*bar.value / max, 0.0, 1.0);
  std::string out = fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\" stroke=\"#08306b\" "
      "stroke-width=\"0.8\"/>",
      x0, y, length, height, fill);
  double end = x0 + length;
  if (bar.lower && bar.upper) {
    double lo = x0 + kPlotWidth * std::clamp(*bar.lower / max, 0.0, 1.0);
    double hi = x0 + kPlotWidth * std::clamp(*bar.upper / max, 0.0, 1.0);
    double mid = y + height / 2.0;
    out += fmt::format(
        "<path d=\"M{:.1f},{:.1f} H{:.1f} M{:.1f},{:.1f} V{:.1f} M{:.1f},{:.1f} V{:.1f}\" "
        "stroke=\"#000000\" stroke-width=\"1\"/>",
        lo, mid, hi, lo, mid - 4, mid + 4, hi, mid - 4, mid + 4);
    end = std::max(end, hi);
  }
  out += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>", end + 5, y + height / 2 + 4,
                     Xml(Value(*bar.value, text)));
  return out;
}

// A legend entry's width: its box and its text at 13 px (about 7.5 px a
// character of the Latin scripts, counted as characters, not bytes).
int LegendTextWidth(const std::string& name) {
  return 24 + int(std::ceil(double(DisplayWidth(name)) * 7.5));
}

std::string Legend(const ChartText& text, const std::vector<std::string>& names, int y,
                   const std::string& apart_label) {
  std::string out;
  int x = 10;
  int row = y;
  auto item = [&](const std::string& fill, const std::string& name) {
    int width = LegendTextWidth(name);
    if (x + width > kWidth) {
      x = 10;
      row += 20;
    }
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#08306b\" "
        "stroke-width=\"0.8\"/><text x=\"{}\" y=\"{}\">{}</text>",
        x, row, fill, x + 18, row + 11, Xml(name));
    x += width + 12;
  };
  for (size_t i = 0; i < names.size(); ++i) item(FillOf(text, i), names[i]);
  if (!apart_label.empty()) item(kApartColour, apart_label);
  return out;
}

int LegendHeight(const std::vector<std::string>& names, const std::string& apart_label) {
  int x = 10, rows = 1;
  std::vector<std::string> all = names;
  if (!apart_label.empty()) all.push_back(apart_label);
  for (const std::string& name : all) {
    int width = LegendTextWidth(name);
    if (x + width > kWidth) {
      x = 10;
      ++rows;
    }
    x += width + 12;
  }
  return rows * 20;
}

std::string Note(const ChartText& text, int y) {
  if (text.suppressed_note.empty()) return "";
  return fmt::format("<text x=\"10\" y=\"{}\" fill=\"#333333\">{}</text>", y,
                     Xml(text.suppressed_note));
}

// What a row does not publish, as one grey hatched block "..".
std::string HiddenBlock(const ChartText& text, double x, int y, double width) {
  std::string out = fmt::format(
      "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"url(#{}-hidden)\" "
      "stroke=\"#767676\" stroke-width=\"0.8\"/>",
      x, y, width, text.id);
  if (width >= 24) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">..</text>",
                       x + width / 2, y + 14);
  }
  return out;
}

// A stacked segment of fill `i` at x, `width` wide, its share written in
// it when it is at least `label_from` wide.
std::string Segment(const ChartText& text, size_t i, double x, int y, double width,
                    double share, double label_from) {
  std::string out = fmt::format(
      "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\" "
      "stroke=\"#08306b\" stroke-width=\"0.8\"/>",
      x, y, width, FillOf(text, i));
  if (width >= label_from) {
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
        "font-weight=\"bold\">{:.0f}</text>",
        x + width / 2, y + 14, FillAt(text, i).dark ? "#ffffff" : "#000000", share);
  }
  return out;
}

// "Don't know" beside a stacked row at x: a grey bar (40 px for 100 %)
// and its share.
std::string ApartBar(const ChartText& text, double x, int y, double share) {
  const double width = 40 * std::clamp(share / 100, 0.0, 1.0);
  return fmt::format(
      "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\" "
      "stroke=\"#08306b\" stroke-width=\"0.8\"/><text x=\"{:.1f}\" y=\"{}\">{}</text>",
      x, y, width, kApartColour, x + width + 4, y + 14,
      Xml(FormatPercent(share, 0, text.lang)));
}

// The rule that sets the whole apart from its parts, above row top `y`.
std::string WholeRule(int y) {
  return fmt::format(
      "<line x1=\"10\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\" "
      "stroke-width=\"1.5\"/>",
      y + 3, kWidth - 10, y + 3);
}

}  // namespace

std::string BarChart(const ChartText& text, const std::vector<Bar>& bars, double max) {
  if (max <= 0) max = 1;
  std::vector<int> tops;
  int y = 10;
  for (const Bar& bar : bars) {
    tops.push_back(y);
    y += std::max(kRowHeight, LabelLines(bar.label) * kLineHeight + 8);
  }
  const int axis = y + 4;
  const int height = axis + 24 + (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height) + Axis(6, axis, max, text);
  for (size_t i = 0; i < bars.size(); ++i) {
    int row = std::max(kRowHeight, LabelLines(bars[i].label) * kLineHeight + 8);
    out += Label(bars[i].label, kLabelWidth, tops[i] + row / 2);
    out += BarShape(bars[i], tops[i] + (row - 18) / 2, 18, max, FillOf(text, 2), text);
  }
  out += Note(text, axis + 36);
  return out + "</svg>";
}

std::string StackedChart(const ChartText& text, const std::vector<std::string>& legend,
                         const std::string& apart_label, const std::vector<StackedRow>& rows) {
  const bool apart = !apart_label.empty();
  const int plot = apart ? kPlotWidth - 50 : kPlotWidth;
  const double x0 = kLabelWidth + 10;
  std::string body;
  int y = 10;
  for (const StackedRow& row : rows) {
    if (row.total && &row != &rows.front()) {
      // The whole, set apart from its parts.
      body += WholeRule(y);
      y += 8;
    }
    int height = std::max(kRowHeight + 4, LabelLines(row.label) * kLineHeight + 10);
    std::string label = Label(row.label, kLabelWidth, y + height / 2);
    if (row.total) label = "<g font-weight=\"bold\">" + label + "</g>";
    body += label;
    const int bar_y = y + (height - 20) / 2;
    y += height;
    if (!row.note.empty()) {
      body += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#333333\" font-style=\"italic\">{}</text>",
                          x0 + 4, bar_y + 14, Xml(row.note));
      continue;
    }
    bool hidden = row.suppressed;
    double total = 0;
    for (const auto& segment : row.segments) {
      hidden = hidden || !segment;
      total += segment.value_or(0);
    }
    // With a segment hidden, the others at their share of 100 (the rest is
    // ".."); else at their share of their sum (which rounding may move off
    // 100).
    const double whole = hidden ? std::max(total, 100.0) : total;
    double x = x0;
    for (size_t i = 0; i < row.segments.size(); ++i) {
      if (!row.segments[i] || *row.segments[i] <= 0 || whole <= 0) continue;
      double width = plot * *row.segments[i] / whole;
      body += Segment(text, i, x, bar_y, width, *row.segments[i], 30);
      x += width;
    }
    if (hidden && x < x0 + plot - 0.5) body += HiddenBlock(text, x, bar_y, x0 + plot - x);
    if (apart && row.apart) body += ApartBar(text, x0 + plot + 10, bar_y, *row.apart);
  }
  const int legend_y = y + 10;
  const int height = legend_y + LegendHeight(legend, apart_label) + 6 +
                     (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height) + body + Legend(text, legend, legend_y, apart_label);
  out += Note(text, height - 6);
  return out + "</svg>";
}

std::string DivergingChart(const ChartText& text, const std::vector<std::string>& legend,
                           const std::string& apart_label, const std::vector<StackedRow>& rows) {
  const bool apart = !apart_label.empty();
  const int plot = apart ? kPlotWidth - 50 : kPlotWidth;
  const double x0 = kLabelWidth + 10;
  const double centre = x0 + plot / 2.0;
  const double per_point = plot / 200.0;  // 100 % to each side
  std::string body;
  // The axis: 100 %, 50 %, 0, 50 %, 100 % (the distance from the centre).
  int y = 10;
  for (const StackedRow& row : rows) {
    int height = std::max(kRowHeight + 4, LabelLines(row.label) * kLineHeight + 10);
    body += Label(row.label, kLabelWidth, y + height / 2);
    const int bar_y = y + (height - 20) / 2;
    y += height;
    const size_t n = row.segments.size();
    double total = 0;
    size_t first_hidden = n, last_hidden = 0;
    for (size_t i = 0; i < n; ++i) {
      total += row.segments[i].value_or(0);
      if (!row.segments[i]) {
        first_hidden = std::min(first_hidden, i);
        last_hidden = i;
      }
    }
    const bool any_hidden = first_hidden < n;
    // Hidden answers can still be drawn as one block ".." where they are
    // the scale's top or bottom answers alone: the other side of the centre
    // is then known (the shares of 100; the block is the rest).
    const size_t hidden_count = any_hidden ? last_hidden - first_hidden + 1 : 0;
    const bool contiguous =
        std::count_if(row.segments.begin(), row.segments.end(),
                      [](const auto& segment) { return !segment; }) == long(hidden_count);
    const bool top =
        any_hidden && contiguous && last_hidden == n - 1 && first_hidden >= (n + 1) / 2;
    const bool bottom = any_hidden && contiguous && first_hidden == 0 && last_hidden < n / 2;
    if (!row.note.empty() || total <= 0 || (any_hidden && !top && !bottom)) {
      body += fmt::format(
          "<text x=\"{}\" y=\"{}\" fill=\"#333333\" font-style=\"italic\">{}</text>",
          x0 + 4, bar_y + 14, Xml(row.note.empty() ? std::string("..") : row.note));
      continue;
    }
    // Of 100 with a hidden block (the rest), else of their sum (which
    // rounding may move off 100).
    const double whole = any_hidden ? std::max(total, 100.0) : total;
    const double rest = any_hidden ? whole - total : 0;
    auto share = [&](size_t i) { return row.segments[i] ? *row.segments[i] : 0.0; };
    // Where the row starts: left of the centre by the lower half and half
    // of a middle answer (with the bottom answers hidden, by the rest).
    double left = bottom ? rest / whole * 100 : 0;
    for (size_t i = 0; i < n / 2; ++i) left += share(i) / whole * 100;
    if (n % 2 == 1) left += share(n / 2) / whole * 50;
    double x = centre - left * per_point;
    for (size_t i = 0; i < n; ++i) {
      if (i == first_hidden && rest > 0) {
        const double width = rest / whole * 100 * per_point;
        body += HiddenBlock(text, x, bar_y, width);
        x += width;
      }
      const double width = share(i) / whole * 100 * per_point;
      if (width <= 0) continue;
      body += Segment(text, i, x, bar_y, width, share(i), 24);
      x += width;
    }
    if (apart && row.apart) body += ApartBar(text, x0 + plot + 10, bar_y, *row.apart);
  }
  const int axis = y + 4;
  std::string ticks;
  for (int tick = -100; tick <= 100; tick += 50) {
    const double x = centre + tick * per_point;
    ticks += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"6\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"{}\" "
        "stroke-width=\"{}\"/><text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" "
        "fill=\"#333333\">{}</text>",
        x, x, axis, tick == 0 ? "#333333" : "#767676", tick == 0 ? 1.2 : 0.5, x, axis + 14,
        Xml(tick == 0 ? std::string("0") : FormatPercent(std::abs(tick), 0, text.lang)));
  }
  const int legend_y = axis + 26;
  const int height = legend_y + LegendHeight(legend, apart_label) + 6 +
                     (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height) + ticks + body + Legend(text, legend, legend_y, apart_label);
  out += Note(text, height - 6);
  return out + "</svg>";
}

std::string DotChart(const ChartText& text, const std::vector<Bar>& rows, double max,
                     const std::string& too_few, bool total_last) {
  if (max <= 0) max = 1;
  const double x0 = kLabelWidth + 10;
  auto x_of = [&](double value) { return x0 + kPlotWidth * std::clamp(value / max, 0.0, 1.0); };
  std::string body;
  int y = 10;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Bar& row = rows[i];
    const bool total = total_last && i + 1 == rows.size() && rows.size() > 1;
    if (total) {
      body += WholeRule(y);
      y += 8;
    }
    const int height = std::max(kRowHeight, LabelLines(row.label) * kLineHeight + 8);
    std::string label = Label(row.label, kLabelWidth, y + height / 2);
    body += total ? "<g font-weight=\"bold\">" + label + "</g>" : label;
    const double mid = y + height / 2.0;
    y += height;
    if (!row.value) {
      body += fmt::format(
          "<text x=\"{}\" y=\"{:.1f}\" fill=\"#333333\" font-style=\"italic\">{}</text>",
          x0 + 4, mid + 4, Xml(row.suppressed ? too_few : std::string("–")));
      continue;
    }
    // A faint guide from the axis, so that the eye finds the row's dot.
    body += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#d9d9d9\" "
        "stroke-width=\"1\"/>",
        x0, mid, x0 + kPlotWidth, mid);
    double end = x_of(*row.value);
    if (row.lower && row.upper) {
      const double lo = x_of(*row.lower), hi = x_of(*row.upper);
      body += fmt::format(
          "<path d=\"M{:.1f},{:.1f} H{:.1f} M{:.1f},{:.1f} V{:.1f} M{:.1f},{:.1f} V{:.1f}\" "
          "stroke=\"#000000\" stroke-width=\"1.2\"/>",
          lo, mid, hi, lo, mid - 5, mid + 5, hi, mid - 5, mid + 5);
      end = std::max(end, hi);
    }
    body += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" stroke=\"#08306b\" "
        "stroke-width=\"1\"/>",
        x_of(*row.value), mid, total ? 6 : 5, total ? "#08306b" : "#4292c6");
    body += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", end + 6, mid + 4,
                        Xml(Value(*row.value, text)));
  }
  const int axis = y + 4;
  const int height = axis + 24 + (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height) + Axis(6, axis, max, text) + body;
  out += Note(text, axis + 36);
  return out + "</svg>";
}

std::string GroupedChart(const ChartText& text, const std::vector<std::string>& series,
                         const std::vector<BarGroup>& groups, double max) {
  if (max <= 0) max = 1;
  std::string body;
  int y = 10;
  const int bar = 12;
  for (const BarGroup& group : groups) {
    int height = std::max(int(group.bars.size()) * (bar + 2) + 8,
                          LabelLines(group.label) * kLineHeight + 8);
    body += Label(group.label, kLabelWidth, y + height / 2);
    int bar_y = y + (height - int(group.bars.size()) * (bar + 2)) / 2;
    for (size_t i = 0; i < group.bars.size(); ++i) {
      body += BarShape(group.bars[i], bar_y, bar, max, FillOf(text, i), text);
      bar_y += bar + 2;
    }
    y += height + 4;
  }
  const int axis = y;
  const int legend_y = axis + 26;
  const int height = legend_y + LegendHeight(series, "") + 6 +
                     (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height) + Axis(6, axis, max, text) + body +
                    Legend(text, series, legend_y, "");
  out += Note(text, height - 6);
  return out + "</svg>";
}

std::string LineChart(const ChartText& text, const std::vector<std::string>& positions,
                      const std::vector<Line>& lines, double max, const LineOptions& options) {
  if (max <= 0) max = 1;
  constexpr int kLeft = 60, kTop = 20, kPlotHeight = 200;
  const int plot_width = kWidth - kLeft - 30;
  const size_t n = positions.size();
  // Points written with their values stand in from the plot's edges, so
  // that a value above the first or last point is never cut nor over the
  // axis' labels.
  const double inset = options.mark_points ? 36 : 0;
  auto x_of = [&](size_t i) {
    return n <= 1 ? kLeft + plot_width / 2.0
                  : kLeft + inset + (plot_width - 2 * inset) * double(i) / double(n - 1);
  };
  auto y_of = [&](double value) {
    return kTop + kPlotHeight * (1 - std::clamp(value / max, 0.0, 1.0));
  };
  auto tick = [&](double value) {
    return options.decimals < 0 ? Value(value, text)
                                : FormatDecimal(value, options.decimals, text.lang);
  };
  std::string body;
  for (int tick_index = 0; tick_index <= 4; ++tick_index) {
    double y = y_of(max * tick_index / 4);
    body += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#767676\" "
        "stroke-width=\"0.5\"/><text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" "
        "fill=\"#333333\">{}</text>",
        kLeft, y, kLeft + plot_width, y, kLeft - 6, y + 4, Xml(tick(max * tick_index / 4)));
  }
  for (size_t rule : options.rules) {
    if (rule >= n) continue;
    body += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#595959\" "
        "stroke-width=\"1.5\" stroke-dasharray=\"4,3\"/>",
        x_of(rule), kTop, kTop + kPlotHeight);
  }
  for (size_t i = 0; i < n; ++i) {
    if (!options.x_labels.empty() &&
        std::find(options.x_labels.begin(), options.x_labels.end(), i) ==
            options.x_labels.end()) {
      continue;
    }
    // On a long axis the first label starts at its position and the last
    // ends there, so that neither is cut.
    const char* anchor = options.x_labels.empty() || n <= 1 ? "middle"
                         : i == 0                           ? "start"
                         : i + 1 == n                       ? "end"
                                                            : "middle";
    body += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"{}\">{}</text>", x_of(i),
                        kTop + kPlotHeight + 18, anchor, Xml(positions[i]));
  }
  // Lines told apart by colour (each at least 3:1 on white), dashes and
  // markers alike.
  static const char* kDashes[] = {"", "6,3", "2,3", "8,3,2,3"};
  static const char* kColours[] = {"#0072b2", "#b34700", "#007a5a", "#000000", "#a6477f"};
  auto colour_of = [](size_t s) { return kColours[s % std::size(kColours)]; };
  auto marker = [&](size_t s, double x, double y) {
    const char* colour = colour_of(s);
    switch (s % 4) {
      case 0:
        return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"/>", x, y,
                           colour);
      case 1:
        return fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>", x - 5,
            y - 5, colour);
      case 2:
        return fmt::format("<path d=\"M{:.1f},{:.1f} l6,6 l-6,6 l-6,-6 z\" fill=\"{}\"/>", x,
                           y - 6, colour);
      default:
        return fmt::format("<path d=\"M{:.1f},{:.1f} l6,10 h-12 z\" fill=\"{}\"/>", x, y - 6,
                           colour);
    }
  };
  // The values written at the points: at each position, above their
  // points, pushed apart where points lie close.
  std::vector<std::vector<std::pair<double, std::string>>> labels(n);
  for (size_t s = 0; s < lines.size(); ++s) {
    const Line& line = lines[s];
    std::string path;
    for (size_t i = 0; i < n && i < line.values.size(); ++i) {
      if (!line.values[i]) continue;
      path += fmt::format("{}{:.1f},{:.1f} ", path.empty() ? "M" : "L", x_of(i),
                          y_of(*line.values[i]));
    }
    if (!path.empty()) {
      body += fmt::format(
          "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>", path,
          colour_of(s),
          *kDashes[s % 4] ? fmt::format(" stroke-dasharray=\"{}\"", kDashes[s % 4]) : "");
    }
    for (size_t i = 0; i < n && i < line.values.size(); ++i) {
      if (!line.values[i]) continue;
      // A line of one point is only its marker.
      if (!options.mark_points && path.find('L') != std::string::npos) continue;
      double x = x_of(i), y = y_of(*line.values[i]);
      body += marker(s, x, y);
      labels[i].emplace_back(y - 10, tick(*line.values[i]));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    auto& at = labels[i];
    std::sort(at.begin(), at.end());
    // From the top down, each at least a line below the one before; then
    // back up if the last went below the plot.
    for (size_t k = 1; k < at.size(); ++k) {
      at[k].first = std::max(at[k].first, at[k - 1].first + 14);
    }
    const double bottom = kTop + kPlotHeight - 2;
    for (size_t k = at.size(); k-- > 0;) {
      const double limit = k + 1 < at.size() ? at[k + 1].first - 14 : bottom;
      at[k].first = std::max(std::min(at[k].first, limit), 12.0);
    }
    for (const auto& [y, value] : at) {
      body += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" stroke=\"#ffffff\" "
          "stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
          x_of(i), y, Xml(value));
    }
  }
  int height = kTop + kPlotHeight + 30;
  if (options.name_lines && !lines.empty()) {
    // A legend names every line in full: its colour, dash and marker.
    int x = 10, y = height;
    for (size_t s = 0; s < lines.size(); ++s) {
      const int width = 34 + int(std::ceil(double(DisplayWidth(lines[s].label)) * 7.5)) + 16;
      if (x > 10 && x + width > kWidth) {
        x = 10;
        y += 20;
      }
      body += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>",
          x, y + 7, x + 28, y + 7, colour_of(s),
          *kDashes[s % 4] ? fmt::format(" stroke-dasharray=\"{}\"", kDashes[s % 4]) : "");
      body += marker(s, x + 14, y + 7);
      body += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", x + 34, y + 12,
                          Xml(lines[s].label));
      x += width;
    }
    height = y + 26;
  }
  height += text.suppressed_note.empty() ? 0 : 18;
  std::string out = Open(text, height, options.fluid) + body;
  out += Note(text, height - 6);
  return out + "</svg>";
}

}  // namespace kartla::publish
