#include "plugins/PluginsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <filesystem>
#include <set>

#include "plugin/PluginRegistry.h"
#include "plugin/PluginVersion.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

// The models and formats a plugin provides.
QString provided(const PluginRecord& plugin) {
  QStringList list;
  for (const auto* names : {&plugin.models, &plugin.formats})
    for (const std::string& name : *names) list << qs(name);
  return list.join(QStringLiteral(", "));
}

constexpr int kEnabledColumn = 1;

}  // namespace

PluginsDialog::PluginsDialog(QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(this)), notice_(new QLabel(this)) {
  setWindowTitle(tr("Plugins"));
  const QStringList header{tr("Name"),     tr("Enabled"), tr("Version"), tr("Kind"),
                           tr("Loaded"),   tr("Provides"), tr("Source"), tr("Why refused")};
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
    const QStringList cells{qs(plugin.manifest.name),
                            QString(),
                            qs(plugin.manifest.version),
                            qs(plugin.manifest.kind),
                            plugin.loaded ? tr("yes") : tr("no"),
                            provided(plugin),
                            qs(plugin.source),
                            qs(plugin.refusal)};
    for (int column = 0; column < cells.size(); ++column) {
      auto* item = new QTableWidgetItem(cells[column]);
      item->setToolTip(column == 0 ? qs(plugin.manifest.summary) : cells[column]);
      table_->setItem(row, column, item);
    }
    QTableWidgetItem* enabled = table_->item(row, kEnabledColumn);
    enabled->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
    enabled->setCheckState(plugin.enabled ? Qt::Checked : Qt::Unchecked);
    enabled->setToolTip(tr("Load this plugin when the program starts"));
  }
  table_->resizeColumnsToContents();
  connect(table_, &QTableWidget::itemChanged, this, &PluginsDialog::enabledChanged);
  notice_->setWordWrap(true);
  notice_->setText(qs(PluginRegistry::instance().settingsProblem()));

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
  layout->addWidget(notice_);
  layout->addWidget(path);
  layout->addWidget(buttons);
  resize(900, 320);
}

void PluginsDialog::setEnabled(const QString& plugin, bool enabled) {
  for (int row = 0; row < table_->rowCount(); ++row)
    if (table_->item(row, 0)->text() == plugin)
      table_->item(row, kEnabledColumn)->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
}

QString PluginsDialog::notice() const { return notice_->text(); }

// Writes the choice at once, in the settings `vaecf plugin disable|enable` writes too; a
// damaged settings file is reported and left as it is.
void PluginsDialog::enabledChanged(QTableWidgetItem* item) {
  if (item->column() != kEnabledColumn) return;
  const std::string name = table_->item(item->row(), 0)->text().toStdString();
  const std::filesystem::path file = pluginSettingsFile();
  try {
    std::set<std::string> disabled = readDisabledPlugins(file);
    if (item->checkState() == Qt::Checked) disabled.erase(name);
    else disabled.insert(name);
    writeDisabledPlugins(file, disabled);
    notice_->setText(tr("%1 is %2 from the next start of the program.")
                         .arg(qs(name), item->checkState() == Qt::Checked ? tr("enabled") : tr("disabled")));
  } catch (const std::exception& error) {
    notice_->setText(tr("The plugin settings could not be changed: %1").arg(qs(error.what())));
  }
}

}  // namespace vaecf::ui
