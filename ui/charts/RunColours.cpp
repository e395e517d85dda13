#include "charts/RunColours.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace vaecf::ui {

namespace {

// Matplotlib's "tab10": ten hues that stay apart on screen and in print.
const QColor kPalette[] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728),
                           QColor(0x9467bd), QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f),
                           QColor(0xbcbd22), QColor(0x17becf)};
constexpr int kPaletteSize = static_cast<int>(std::size(kPalette));

// FNV-1a over the id's UTF-8: unlike qHash it is the same in every process and Qt version.
int paletteStart(const QString& id) {
  std::uint32_t hash = 2166136261U;
  for (const char byte : id.toUtf8()) hash = (hash ^ static_cast<unsigned char>(byte)) * 16777619U;
  return static_cast<int>(hash % kPaletteSize);
}

// The first palette colour from the id's start on that no other run has; its start's when
// every one is taken.
QColor freeColour(const QString& id, const std::vector<QColor>& taken) {
  const int start = paletteStart(id);
  for (int offset = 0; offset < kPaletteSize; ++offset) {
    const QColor& candidate = kPalette[(start + offset) % kPaletteSize];
    if (std::find(taken.begin(), taken.end(), candidate) == taken.end()) return candidate;
  }
  return kPalette[start];
}

// The `index`th palette colour (from 1) that is not `runColour`.
QColor otherHue(const QColor& runColour, int index) {
  int found = 0;
  for (int step = 0;; ++step) {
    const QColor& candidate = kPalette[step % kPaletteSize];
    if (candidate != runColour && ++found == 1 + (index - 1) % (kPaletteSize - 1)) return candidate;
  }
}

}  // namespace

void RunColours::paint(std::vector<RunView>& runs) {
  auto known = [this](const QString& id) -> const QColor* {
    if (const auto found = chosen_.find(id); found != chosen_.end()) return &found->second;
    if (const auto found = given_.find(id); found != given_.end()) return &found->second;
    return nullptr;
  };
  std::vector<QColor> taken;
  for (const RunView& run : runs)
    if (const QColor* colour = known(run.id)) taken.push_back(*colour);
  for (RunView& run : runs) {
    if (const QColor* colour = known(run.id)) {
      run.colour = *colour;
      continue;
    }
    run.colour = freeColour(run.id, taken);
    given_[run.id] = run.colour;
    taken.push_back(run.colour);
  }
}

void RunColours::choose(const QString& id, const QColor& colour) { chosen_[id] = colour; }

QPen runPen(const QColor& colour, int index, qreal width, bool alone) {
  static const Qt::PenStyle dashes[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
  QPen pen(alone && index > 0 ? otherHue(colour, index) : colour);
  pen.setWidthF(width);
  pen.setStyle(index == 0 ? Qt::SolidLine : dashes[(index - 1) % static_cast<int>(std::size(dashes))]);
  return pen;
}

}  // namespace vaecf::ui
