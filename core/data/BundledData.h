#pragma once

#include <filesystem>

namespace vaecf {

// The bundled ml-latest-small folder, the default dataset of the CLI and the window:
// $VAECF_DATA_DIR/ml-latest-small, the installed share folder beside the executable, or
// the source tree this was built from.
std::filesystem::path bundledDatasetPath();

// The bundled lessons (lessons/Lesson.h): the installed share folder's lessons/, else the
// source tree's resources/lessons.
std::filesystem::path bundledLessonsFolder();

// Where an installed program keeps its files and a user's: one rule for the CLI and the
// window. "Installed" means the executable has PREFIX/share/vaecf-workbench beside its
// bin folder (a .deb, `cmake --install`); a build tree has none.
//
// PREFIX/share/vaecf-workbench of an installed program; empty when run from a build tree.
std::filesystem::path installedShareFolder();
// The user's data folder of an installed program: $XDG_DATA_HOME/vaecf-workbench, else
// ~/.local/share/vaecf-workbench. Runs live in runs/ there (plugins/ and lessons/ will sit
// beside it). Empty when run from a build tree.
std::filesystem::path userDataFolder();
// The default runs folder of `vaecf train` and the window: userDataFolder()/runs when
// installed, else `runs` in the current working folder (relative, as given).
std::filesystem::path defaultRunsFolder();

}  // namespace vaecf
