// say_time. Forms (docs/SAY.md):
//   fr "quatorze heures trente", "une heure", "vingt et une heures une"
//   es "las catorce y treinta", "la una y cinco", "las catorce en punto"
//   en "two thirty p.m.", "nine oh five a.m.", "two p.m.", "twelve noon",
//      "twelve midnight"
//   ar "الساعة الرابعة عشرة وثلاثون دقيقة", "منتصف الليل وخمس دقائق"
#include "say/say.h"
#include "say/words.h"

namespace plateau::say {
namespace {

void time_en(detail::Words& w, int hour, int minute) {
  w.number(hour % 12 == 0 ? 12 : hour % 12);
  if (minute == 0 && hour % 12 == 0) return w.add(hour == 0 ? "w_midnight" : "w_noon");
  if (minute > 0 && minute < 10) w.add("w_oh");  // "nine oh five"
  if (minute > 0) detail::number_en(w, minute);
  w.add(hour < 12 ? "w_am" : "w_pm");
}

}  // namespace

Result<Fragments> say_time(int hour, int minute, Lang lang) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return make_error("say.bad_time",
                      "no such time of day: " + std::to_string(hour) + ":" + std::to_string(minute));
  detail::Words w;
  switch (lang) {
    case Lang::Fr:
      detail::count_fr(w, hour, Noun::Hour);  // "zéro heure", "une heure", "vingt et une heures"
      if (minute) detail::number_fr(w, minute, Gender::Feminine);  // minutes are feminine: "une"
      break;
    case Lang::Es:
      w.add(hour == 1 ? "w_la" : "w_las");
      detail::number_es(w, hour, Gender::Feminine);  // "la una", "las veintiuna"
      if (minute) {
        w.add("w_and");
        detail::number_es(w, minute, Gender::Masculine);
      } else {
        w.add("w_oclock");  // "en punto"
      }
      break;
    case Lang::En:
      time_en(w, hour, minute);
      break;
    case Lang::Ar:
      if (hour == 0) {
        w.add("w_midnight");
      } else {
        w.add("w_the_hour");
        w.add("h_" + std::to_string(hour));  // feminine ordinal: "الرابعة عشرة"
      }
      if (minute) {
        w.add("w_and");
        detail::count_ar(w, minute, Noun::Minute);
      }
      break;
  }
  return w.take();
}

}  // namespace plateau::say
