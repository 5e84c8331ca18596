// catalogue.h — private to src/say: each language's table of fragments
// (catalogue_<lang>.cpp), gathered by fragments() in catalogue.cpp.
#pragma once

#include <span>

#include "say/say.h"

namespace plateau::say::detail {

std::span<const Fragment> fragments_fr();
std::span<const Fragment> fragments_ar();
std::span<const Fragment> fragments_es();
std::span<const Fragment> fragments_en();

}  // namespace plateau::say::detail
