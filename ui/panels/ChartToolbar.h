#pragma once
// The buttons every chart panel carries: reset the zoom and export as PNG, SVG or CSV.

#include <QWidget>

class QHBoxLayout;

namespace vaecf::ui {

class ChartToolbar : public QWidget {
  Q_OBJECT

 public:
  explicit ChartToolbar(QWidget* parent = nullptr);

  // Panel-specific controls go before the common buttons.
  void addControl(QWidget* control);

 Q_SIGNALS:
  void resetZoomRequested();
  void exportRequested(const QString& format);  // "png", "svg" or "csv"

 private:
  QHBoxLayout* layout_;
  int controls_ = 0;
};

// Asks where to save a chart export; an empty string when the user cancelled.
QString askExportPath(QWidget* parent, const QString& format, const QString& baseName);

}  // namespace vaecf::ui
