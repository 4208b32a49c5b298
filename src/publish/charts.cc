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

// A value as the chart's language writes it: "42 %", or a mean "3,4".
std::string Value(double value, const ChartText& text) {
  return text.unit == "%" ? FormatPercent(value, 0, text.lang)
                          : FormatDecimal(value, 1, text.lang);
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
    out += fmt::format(
        "<pattern id=\"{}-p{}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"8\" height=\"8\" fill=\"{}\"/>",
        text.id, i, kFills[i].colour);
    if (*kFills[i].pattern) {
      out += fmt::format("<path d=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>", kFills[i].pattern,
                         kFills[i].dark ? "#ffffff" : "#08306b");
    }
    out += "</pattern>";
  }
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

std::string Legend(const ChartText& text, const std::vector<std::string>& names, int y,
                   const std::string& apart_label) {
  std::string out;
  int x = 10;
  int row = y;
  auto item = [&](const std::string& fill, const std::string& name) {
    int width = 24 + int(name.size()) * 7;
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
    int width = 24 + int(name.size()) * 7;
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
    int height = std::max(kRowHeight + 4, LabelLines(row.label) * kLineHeight + 10);
    body += Label(row.label, kLabelWidth, y + height / 2);
    const int bar_y = y + (height - 20) / 2;
    if (row.suppressed) {
      body += fmt::format("<text x=\"{}\" y=\"{}\">..</text>", x0 + 4, bar_y + 14);
      y += height;
      continue;
    }
    double total = 0;
    for (const auto& segment : row.segments) total += segment.value_or(0);
    double x = x0;
    for (size_t i = 0; i < row.segments.size(); ++i) {
      if (!row.segments[i] || *row.segments[i] <= 0 || total <= 0) continue;
      double width = plot * *row.segments[i] / total;
      body += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\" "
          "stroke=\"#08306b\" stroke-width=\"0.8\"/>",
          x, bar_y, width, FillOf(text, i));
      if (width >= 30) {
        body += fmt::format(
            "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
            "font-weight=\"bold\">{:.0f}</text>",
            x + width / 2, bar_y + 14, kFills[i % kFillCount].dark ? "#ffffff" : "#000000",
            *row.segments[i]);
      }
      x += width;
    }
    if (apart && row.apart) {
      double width = 40 * std::clamp(*row.apart / 100, 0.0, 1.0);
      double ax = x0 + plot + 10;
      body += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\" "
          "stroke=\"#08306b\" stroke-width=\"0.8\"/><text x=\"{:.1f}\" y=\"{}\">{:.0f} %</text>",
          ax, bar_y, width, kApartColour, ax + width + 4, bar_y + 14, *row.apart);
    }
    y += height;
  }
  const int legend_y = y + 10;
  const int height = legend_y + LegendHeight(legend, apart_label) + 6 +
                     (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height) + body + Legend(text, legend, legend_y, apart_label);
  out += Note(text, height - 6);
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
  constexpr int kLeft = 60, kTop = 14, kPlotHeight = 200;
  const int plot_width = kWidth - kLeft - (options.name_lines ? 160 : 20);
  const size_t n = positions.size();
  auto x_of = [&](size_t i) {
    return n <= 1 ? kLeft + plot_width / 2.0 : kLeft + plot_width * double(i) / double(n - 1);
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
  static const char* kDashes[] = {"", "6,3", "2,3", "8,3,2,3"};
  for (size_t s = 0; s < lines.size(); ++s) {
    const Line& line = lines[s];
    const char* colour = kFills[(2 + s * 2) % kFillCount].colour;
    if (!kFills[(2 + s * 2) % kFillCount].dark) colour = "#08306b";
    std::string path;
    for (size_t i = 0; i < n && i < line.values.size(); ++i) {
      if (!line.values[i]) continue;
      path += fmt::format("{}{:.1f},{:.1f} ", path.empty() ? "M" : "L", x_of(i),
                          y_of(*line.values[i]));
    }
    if (!path.empty()) {
      body += fmt::format(
          "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>", path, colour,
          *kDashes[s % 4] ? fmt::format(" stroke-dasharray=\"{}\"", kDashes[s % 4]) : "");
    }
    std::optional<size_t> last;
    for (size_t i = 0; i < n && i < line.values.size(); ++i) {
      if (!line.values[i]) continue;
      last = i;
      // A line of one point is only its marker.
      if (!options.mark_points && path.find('L') != std::string::npos) continue;
      double x = x_of(i), y = y_of(*line.values[i]);
      switch (s % 4) {
        case 0:
          body += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"/>", x, y,
                              colour);
          break;
        case 1:
          body += fmt::format(
              "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>", x - 5,
              y - 5, colour);
          break;
        case 2:
          body += fmt::format(
              "<path d=\"M{:.1f},{:.1f} l6,6 l-6,6 l-6,-6 z\" fill=\"{}\"/>", x, y - 6, colour);
          break;
        default:
          body += fmt::format("<path d=\"M{:.1f},{:.1f} l6,10 h-12 z\" fill=\"{}\"/>", x, y - 6,
                              colour);
      }
      body += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", x,
                          y - 10, Xml(tick(*line.values[i])));
    }
    if (last && options.name_lines) {
      body += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", x_of(*last) + 14,
                          y_of(*line.values[*last]) + 4,
                          Xml(line.label.size() > 22 ? CutUtf8(line.label, 20) + "…" : line.label));
    }
  }
  const int height = kTop + kPlotHeight + 30 + (text.suppressed_note.empty() ? 0 : 18);
  std::string out = Open(text, height, options.fluid) + body;
  out += Note(text, height - 6);
  return out + "</svg>";
}

}  // namespace kartla::publish
