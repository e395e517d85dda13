#pragma once

#include <filesystem>

#include "data/Protocol.h"

namespace vaecf {

// The de-facto split folder of the Mult-VAE code, so results compare on identical
// splits with other tools: unique_sid.txt (one external item id per line, column order)
// and train.csv, validation_tr.csv, validation_te.csv, test_tr.csv, test_te.csv with
// header "uid,sid" (sid = column index). We also write unique_uid.txt (external user ids
// in uid order); it is optional on reading.
void writeCanonicalSplit(const Split& split, const std::filesystem::path& directory);

// Reads such a folder. Row indices of train are re-based to its smallest uid, those of
// each fold-in/heldout pair to the smallest uid present in the pair. Throws InputError
// naming the file and line for missing files, bad headers, malformed rows, sids outside
// unique_sid.txt and fold-in/heldout pairs whose users disagree.
Split readCanonicalSplit(const std::filesystem::path& directory);

}  // namespace vaecf
