// holidays.cpp — the holiday tables of holidays.h and the date arithmetic behind them.
#include "calendar/holidays.h"

#include <algorithm>

#include <date/islamic.h>

#include "calendar/civil.h"

namespace plateau::calendar {

namespace {

struct Name {
  std::string_view key, fr, en;
};

// Every holiday key, once: the one place its names are written.
constexpr Name kNames[] = {
    {"ma.new_year", "Nouvel an", "New Year's Day"},
    {"ma.independence_manifesto", "Manifeste de l'indépendance", "Independence Manifesto Day"},
    {"ma.amazigh_new_year", "Nouvel an amazigh", "Amazigh New Year"},
    {"ma.labour_day", "Fête du travail", "Labour Day"},
    {"ma.throne_day", "Fête du Trône", "Throne Day"},
    {"ma.oued_ed_dahab", "Allégeance de Oued Ed-Dahab", "Oued Ed-Dahab Day"},
    {"ma.revolution", "Révolution du Roi et du Peuple", "Revolution of the King and the People"},
    {"ma.youth_day", "Fête de la jeunesse", "Youth Day"},
    {"ma.green_march", "Marche verte", "Green March"},
    {"ma.independence_day", "Fête de l'indépendance", "Independence Day"},
    {"ma.eid_al_fitr", "Aïd al-Fitr", "Eid al-Fitr"},
    {"ma.eid_al_adha", "Aïd al-Adha", "Eid al-Adha"},
    {"ma.islamic_new_year", "Nouvel an de l'Hégire", "Islamic New Year"},
    {"ma.mawlid", "Aïd al-Mawlid", "Mawlid"},
    {"fr.new_year", "Jour de l'an", "New Year's Day"},
    {"fr.good_friday", "Vendredi saint", "Good Friday"},
    {"fr.easter_monday", "Lundi de Pâques", "Easter Monday"},
    {"fr.labour_day", "Fête du travail", "Labour Day"},
    {"fr.victory_day", "Victoire 1945", "Victory in Europe Day"},
    {"fr.ascension", "Ascension", "Ascension Day"},
    {"fr.whit_monday", "Lundi de Pentecôte", "Whit Monday"},
    {"fr.bastille_day", "Fête nationale", "Bastille Day"},
    {"fr.assumption", "Assomption", "Assumption Day"},
    {"fr.all_saints", "Toussaint", "All Saints' Day"},
    {"fr.armistice", "Armistice 1918", "Armistice Day"},
    {"fr.christmas", "Noël", "Christmas Day"},
    {"fr.st_stephen", "Saint-Étienne", "St Stephen's Day"},
    {"es.new_year", "Jour de l'an", "New Year's Day"},
    {"es.epiphany", "Épiphanie", "Epiphany"},
    {"es.good_friday", "Vendredi saint", "Good Friday"},
    {"es.labour_day", "Fête du travail", "Labour Day"},
    {"es.assumption", "Assomption", "Assumption Day"},
    {"es.national_day", "Fête nationale d'Espagne", "National Day of Spain"},
    {"es.all_saints", "Toussaint", "All Saints' Day"},
    {"es.constitution_day", "Jour de la Constitution", "Constitution Day"},
    {"es.immaculate_conception", "Immaculée Conception", "Immaculate Conception"},
    {"es.christmas", "Noël", "Christmas Day"},
};

constexpr std::string_view kSets[] = {"MA", "FR", "FR-ALSACE", "ES"};

// A rule: on a fixed Gregorian day, at an offset from Easter Sunday, or on a Hijri day.
enum class Rule { Fixed, Easter, Hijri };
struct Def {
  Rule rule;
  int month;  // Gregorian or Hijri month (Fixed, Hijri)
  int day;    // day of that month, or days after Easter (Easter)
  std::string_view key;
  int from_year = 0;  // first Gregorian year it is observed
};

constexpr Def kMorocco[] = {
    {Rule::Fixed, 1, 1, "ma.new_year"},
    {Rule::Fixed, 1, 11, "ma.independence_manifesto"},
    {Rule::Fixed, 1, 14, "ma.amazigh_new_year", 2024},
    {Rule::Fixed, 5, 1, "ma.labour_day"},
    {Rule::Fixed, 7, 30, "ma.throne_day"},
    {Rule::Fixed, 8, 14, "ma.oued_ed_dahab"},
    {Rule::Fixed, 8, 20, "ma.revolution"},
    {Rule::Fixed, 8, 21, "ma.youth_day"},
    {Rule::Fixed, 11, 6, "ma.green_march"},
    {Rule::Fixed, 11, 18, "ma.independence_day"},
    {Rule::Hijri, 10, 1, "ma.eid_al_fitr"},
    {Rule::Hijri, 10, 2, "ma.eid_al_fitr"},
    {Rule::Hijri, 12, 10, "ma.eid_al_adha"},
    {Rule::Hijri, 12, 11, "ma.eid_al_adha"},
    {Rule::Hijri, 1, 1, "ma.islamic_new_year"},
    {Rule::Hijri, 3, 12, "ma.mawlid"},
    {Rule::Hijri, 3, 13, "ma.mawlid"},
};

constexpr Def kFrance[] = {
    {Rule::Fixed, 1, 1, "fr.new_year"},       {Rule::Easter, 0, 1, "fr.easter_monday"},
    {Rule::Fixed, 5, 1, "fr.labour_day"},     {Rule::Fixed, 5, 8, "fr.victory_day"},
    {Rule::Easter, 0, 39, "fr.ascension"},    {Rule::Easter, 0, 50, "fr.whit_monday"},
    {Rule::Fixed, 7, 14, "fr.bastille_day"},  {Rule::Fixed, 8, 15, "fr.assumption"},
    {Rule::Fixed, 11, 1, "fr.all_saints"},    {Rule::Fixed, 11, 11, "fr.armistice"},
    {Rule::Fixed, 12, 25, "fr.christmas"},
};

constexpr Def kAlsace[] = {
    {Rule::Easter, 0, -2, "fr.good_friday"},
    {Rule::Fixed, 12, 26, "fr.st_stephen"},
};

constexpr Def kSpain[] = {
    {Rule::Fixed, 1, 1, "es.new_year"},
    {Rule::Fixed, 1, 6, "es.epiphany"},
    {Rule::Easter, 0, -2, "es.good_friday"},
    {Rule::Fixed, 5, 1, "es.labour_day"},
    {Rule::Fixed, 8, 15, "es.assumption"},
    {Rule::Fixed, 10, 12, "es.national_day"},
    {Rule::Fixed, 11, 1, "es.all_saints"},
    {Rule::Fixed, 12, 6, "es.constitution_day"},
    {Rule::Fixed, 12, 8, "es.immaculate_conception"},
    {Rule::Fixed, 12, 25, "es.christmas"},
};

const Name* name_of(std::string_view key) {
  for (const Name& n : kNames)
    if (n.key == key) return &n;
  return nullptr;
}

void add(const Def& def, int year, std::vector<Holiday>& out) {
  if (year < def.from_year) return;
  const Name* n = name_of(def.key);
  auto push = [&](model::Date d) { out.push_back({d, n->key, n->fr, n->en}); };
  switch (def.rule) {
    case Rule::Fixed:
      push({year, def.month, def.day});
      break;
    case Rule::Easter:
      push(date_of(days_of(easter(year)) + date::days(def.day)));
      break;
    case Rule::Hijri: {
      // A Gregorian year meets up to three Hijri years (a Hijri year has 354 or 355 days).
      const int first = static_cast<int>(islamic::year_month_day(days_of({year, 1, 1})).year());
      for (int hy = first; hy <= first + 2; ++hy) {
        const islamic::year_month_day h(islamic::year(hy), islamic::month(static_cast<unsigned>(def.month)),
                                        islamic::day(static_cast<unsigned>(def.day)));
        const model::Date d = date_of(date::sys_days(h));
        if (d.year == year) push(d);
      }
      break;
    }
  }
}

}  // namespace

std::span<const std::string_view> holiday_sets() { return kSets; }

bool holiday_set_known(std::string_view set) {
  return std::find(std::begin(kSets), std::end(kSets), set) != std::end(kSets);
}

std::vector<Holiday> holidays_of(std::string_view set, int year) {
  std::vector<Holiday> out;
  auto all = [&](std::span<const Def> defs) {
    for (const Def& d : defs) add(d, year, out);
  };
  if (set == "MA") all(kMorocco);
  if (set == "FR" || set == "FR-ALSACE") all(kFrance);
  if (set == "FR-ALSACE") all(kAlsace);
  if (set == "ES") all(kSpain);
  std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

std::string_view holiday_name(std::string_view key, std::string_view language) {
  const Name* n = name_of(key);
  if (!n) return {};
  return language == "fr" ? n->fr : n->en;
}

model::Date easter(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

}  // namespace plateau::calendar
