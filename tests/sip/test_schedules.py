"""GET /api/v1/schedules/{tenant}/{name}: a schedule's state at an instant, in its time zone, from the
provisioning file and from one posted to the running server."""
import calendar
import json


def utc_ms(y, mo, d, h=0, mi=0):
    return calendar.timegm((y, mo, d, h, mi, 0)) * 1000


def test_always_and_never_in_casablanca_time(plateau):
    ramadan = utc_ms(2026, 3, 1, 12)  # Casablanca at +00:00 from 15 February to 22 March 2026
    always = plateau.http_json("/api/v1/schedules/t1/always?at=%d" % ramadan)
    assert always["open"] is True and always["next_change_ms"] == -1, always
    assert always["timezone"] == "Africa/Casablanca", always
    assert always["local"] == {"date": "2026-03-01", "time": "12:00:00", "weekday": 6, "utc_offset_s": 0}, always
    never = plateau.http_json("/api/v1/schedules/t1/never?at=%d" % utc_ms(2026, 1, 5, 12))
    assert never["open"] is False and never["next_change_ms"] == -1, never
    assert never["local"]["utc_offset_s"] == 3600 and never["local"]["time"] == "13:00:00", never


def test_unknown_schedule_and_bad_instant(plateau):
    status, body = plateau.http_get("/api/v1/schedules/t1/nothing")
    assert status == 404 and json.loads(body)["error"]["code"] == "api.not_found", body
    status, body = plateau.http_get("/api/v1/schedules/t1/always?at=yesterday")
    assert status == 400 and "epoch milliseconds" in body, body
    status, _ = plateau.http_get("/api/v1/schedules/t1/always", auth=False)
    assert status == 401


def test_posted_schedule_with_holidays_and_exceptions(plateau):
    text = "\n".join([
        '[[tenant]]', 'name = "t3"', 'timezone = "Africa/Casablanca"', 'language = "fr"',
        '[[schedule]]', 'tenant = "t3"', 'name = "service"', 'holidays = ["MA"]',
        'closed = ["2026-12-31 08:00-13:00"]', 'open = ["2026-11-06"]',
        'hours = { mon = ["08:00-20:00"], tue = ["08:00-20:00"], wed = ["08:00-20:00"], '
        'thu = ["08:00-20:00"], fri = ["08:00-20:00"], sat = ["09:00-13:00"] }', ''])
    status, body = plateau.http_post_text("/api/v1/provisioning", text)
    assert status == 200, body
    assert "schedules: 1 created" in json.loads(body)["summary"], body

    # Friday 20 March 2026, Eid al-Fitr (arithmetical calendar): closed until Monday 08:00 (+01:00 again).
    eid = plateau.http_json("/api/v1/schedules/t3/service?at=%d" % utc_ms(2026, 3, 20, 10))
    assert (eid["open"], eid["rule"], eid["holiday"]) == (False, "holiday", "ma.eid_al_fitr"), eid
    assert eid["holiday_name"] == "Aïd al-Fitr", eid
    assert eid["next_change_ms"] == utc_ms(2026, 3, 23, 7), eid
    # Green March (Friday 6 November 2026) is worked; 31 December is a short day.
    worked = plateau.http_json("/api/v1/schedules/t3/service?at=%d" % utc_ms(2026, 11, 6, 9))
    assert (worked["open"], worked["rule"], worked["holiday"]) == (True, "worked", ""), worked
    short = plateau.http_json("/api/v1/schedules/t3/service?at=%d" % utc_ms(2026, 12, 31, 11))
    assert (short["open"], short["rule"], short["next_change_ms"]) == (True, "short_day", utc_ms(2026, 12, 31, 12)), short
