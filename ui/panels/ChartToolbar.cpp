#include "panels/ChartToolbar.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QMenu>
#include <QToolButton>

namespace vaecf::ui {

ChartToolbar::ChartToolbar(QWidget* parent) : QWidget(parent), layout_(new QHBoxLayout(this)) {
  layout_->setContentsMargins(0, 0, 0, 0);
  layout_->addStretch(1);
  auto* reset = new QToolButton(this);
  reset->setText(tr("Reset zoom"));
  reset->setToolTip(tr("Drag a rectangle on the chart to zoom; right-click or press this to see everything"));
  connect(reset, &QToolButton::clicked, this, &ChartToolbar::resetZoomRequested);
  layout_->addWidget(reset);

  auto* exportButton = new QToolButton(this);
  exportButton->setText(tr("Export"));
  exportButton->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exportButton);
  menu->addAction(tr("PNG image…"), this, [this] { Q_EMIT exportRequested(QStringLiteral("png")); });
  menu->addAction(tr("SVG drawing…"), this, [this] { Q_EMIT exportRequested(QStringLiteral("svg")); });
  menu->addAction(tr("CSV data…"), this, [this] { Q_EMIT exportRequested(QStringLiteral("csv")); });
  exportButton->setMenu(menu);
  layout_->addWidget(exportButton);
}

void ChartToolbar::addControl(QWidget* control) { layout_->insertWidget(controls_++, control); }

QString askExportPath(QWidget* parent, const QString& format, const QString& baseName) {
  const QString filter = format == QLatin1String("png")   ? ChartToolbar::tr("PNG images (*.png)")
                         : format == QLatin1String("svg") ? ChartToolbar::tr("SVG drawings (*.svg)")
                                                          : ChartToolbar::tr("CSV files (*.csv)");
  return QFileDialog::getSaveFileName(parent, ChartToolbar::tr("Export chart"), baseName + QLatin1Char('.') + format,
                                      filter);
}

}  // namespace vaecf::ui
