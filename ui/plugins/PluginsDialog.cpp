#include "plugins/PluginsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "plugin/PluginRegistry.h"
#include "plugin/PluginVersion.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

QString joined(const std::vector<std::string>& names) {
  QStringList list;
  for (const std::string& name : names) list << qs(name);
  return list.join(QStringLiteral(", "));
}

}  // namespace

PluginsDialog::PluginsDialog(QWidget* parent) : QDialog(parent), table_(new QTableWidget(this)) {
  setWindowTitle(tr("Plugins"));
  const QStringList header{tr("Name"),   tr("Version"),  tr("Kind"),  tr("Loaded"),
                           tr("Provides"), tr("Source"), tr("Why refused")};
  table_->setColumnCount(static_cast<int>(header.size()));
  table_->setHorizontalHeaderLabels(header);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  const auto& plugins = PluginRegistry::instance().plugins();
  table_->setRowCount(static_cast<int>(plugins.size()));
  for (int row = 0; row < table_->rowCount(); ++row) {
    const PluginRecord& plugin = plugins[static_cast<std::size_t>(row)];
    const QStringList cells{qs(plugin.manifest.name), qs(plugin.manifest.version), qs(plugin.manifest.kind),
                            plugin.loaded ? tr("yes") : tr("no"), joined(plugin.models), qs(plugin.source),
                            qs(plugin.refusal)};
    for (int column = 0; column < cells.size(); ++column) {
      auto* item = new QTableWidgetItem(cells[column]);
      item->setToolTip(column == 0 ? qs(plugin.manifest.summary) : cells[column]);
      table_->setItem(row, column, item);
    }
  }
  table_->resizeColumnsToContents();

  QStringList folders;
  for (const auto& folder : pluginSearchPath()) folders << qs(folder.string());
  auto* path = new QLabel(tr("Plugin API %1. Shared-library plugins are read from: %2")
                              .arg(QStringLiteral(VAECF_PLUGIN_API_VERSION),
                                   folders.isEmpty() ? tr("VAECF_PLUGIN_PATH (unset)") : folders.join(QStringLiteral("; "))),
                          this);
  path->setWordWrap(true);
  path->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_, 1);
  layout->addWidget(path);
  layout->addWidget(buttons);
  resize(900, 320);
}

}  // namespace vaecf::ui
