#include "session/CliProgram.h"

#include <QCoreApplication>

namespace vaecf::ui {

std::filesystem::path cliProgram() {
  return std::filesystem::path(QCoreApplication::applicationDirPath().toStdString()) / "vaecf";
}

}  // namespace vaecf::ui
