"""parse_date: each case is (dateline, year_hint, expected ISO or None, expected approximate)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.normalize import DateResult, parse_date

FETCHED = datetime(2024, 10, 2, 12, 0, tzinfo=timezone(timedelta(hours=7)))

CASES = [
    # numeric dates, every separator
    ("18/10/2022", None, "2022-10-18", False),
    ("5/3/2024", None, "2024-03-05", False),
    ("12-6-2021", None, "2021-06-12", False),
    ("12.6.2021", None, "2021-06-12", False),
    ("07 / 08 / 2023", None, "2023-08-07", False),
    # times after the date
    ("30/04/2023 10:20", None, "2023-04-30T10:20:00+07:00", False),
    ("30/04/2023 10:20:45", None, "2023-04-30T10:20:45+07:00", False),
    ("30/04/2023 10:20 CH", None, "2023-04-30T22:20:00+07:00", False),
    ("30/04/2023 10:20 SA", None, "2023-04-30T10:20:00+07:00", False),
    ("12/12/2022 12:05 SA", None, "2022-12-12T00:05:00+07:00", False),
    ("12/12/2022 12:05 CH", None, "2022-12-12T12:05:00+07:00", False),
    ("18/12/2022 11:17:00 PM", None, "2022-12-18T23:17:00+07:00", False),
    ("18/12/2022 06:03 AM", None, "2022-12-18T06:03:00+07:00", False),
    ("03/02/2024 lúc 9h05", None, "2024-02-03T09:05:00+07:00", False),
    ("03/02/2024 - 14 giờ 30", None, "2024-02-03T14:30:00+07:00", False),
    # times before the date
    ("08:15 26/04/2023", None, "2023-04-26T08:15:00+07:00", False),
    ("10h20 ngày 5/3/2024", None, "2024-03-05T10:20:00+07:00", False),
    ("15 giờ 40 phút, ngày 1-6-2023", None, "2023-06-01T15:40:00+07:00", False),
    # labels, weekdays, time zones, bylines
    ("Ngày 09/12/2017", None, "2017-12-09", False),
    ("Sáng ngày 18/10/2022", None, "2022-10-18", False),
    ("Chiều 6/3/2025", None, "2025-03-06", False),
    ("Tối 31/12/2023", None, "2023-12-31", False),
    ("Cập nhật: 08:15 26/04/2023", None, "2023-04-26T08:15:00+07:00", False),
    ("Đăng ngày 14/07/2018", None, "2018-07-14", False),
    ("Ngày đăng: 20/01/2022 07:45", None, "2022-01-20T07:45:00+07:00", False),
    ("Thứ ba, 25/01/2022, 16:22 (GMT+7)", None, "2022-01-25T16:22:00+07:00", False),
    ("Chủ nhật, 04/06/2023 09:00 GMT +7", None, "2023-06-04T09:00:00+07:00", False),
    ("25/05/2023 20:42 GMT +7", None, "2023-05-25T20:42:00+07:00", False),
    ("NGỌC TRÂM LDO | 05/11/2023 07:30", None, "2023-11-05T07:30:00+07:00", False),
    ("Minh Khang LĐO | 9/1/2024 21:05", None, "2024-01-09T21:05:00+07:00", False),
    # month words
    ("Thứ ba, 25 Tháng 1 2022 16:22", None, "2022-01-25T16:22:00+07:00", False),
    ("ngày 24 tháng 9 năm 2024", None, "2024-09-24", False),
    ("Sáng ngày 4 tháng 3 năm 2015", None, "2015-03-04", False),
    ("25 Tháng Một 2022", None, "2022-01-25", False),
    ("3 tháng Mười Hai, 2021", None, "2021-12-03", False),
    # ISO strings from metadata, converted to +07:00
    ("2023-04-30T22:20:00+07:00", None, "2023-04-30T22:20:00+07:00", False),
    ("2023-04-30T15:20:00Z", None, "2023-04-30T22:20:00+07:00", False),
    ("2023-04-30T10:20:00+00:00", None, "2023-04-30T17:20:00+07:00", False),
    ("2023-04-30T22:20:00.123+0700", None, "2023-04-30T22:20:00+07:00", False),
    ("2023-04-30 08:00", None, "2023-04-30T08:00:00+07:00", False),
    ("2023-04-30", None, "2023-04-30", False),
    # year-less: the year is inferred (from a hint, else the fetch year), so always approximate
    ("Ngày 24-9", 2024, "2024-09-24", True),
    ("Ngày 24-9", None, "2024-09-24", True),
    ("Ngày 9.6", 2023, "2023-06-09", True),
    ("Sáng ngày 22.7", None, "2024-07-22", True),
    ("24/9 10:15", None, "2024-09-24T10:15:00+07:00", True),
    ("24/12", None, "2023-12-24", True),  # after the fetch date: last year
    ("Ngày 11.12", 2022, "2022-12-11", True),
    ("ngày 3 tháng 10", None, "2023-10-03", True),
    ("29/2", None, "2024-02-29", True),
    # relative to the fetch time
    ("5 phút trước", None, "2024-10-02T11:55:00+07:00", True),
    ("2 giờ trước", None, "2024-10-02T10:00:00+07:00", True),
    ("3 ngày trước", None, "2024-09-29T12:00:00+07:00", True),
    ("1 tuần trước", None, "2024-09-25T12:00:00+07:00", True),
    ("2 tuần trước kia 3", None, "2024-09-18T12:00:00+07:00", True),
    ("2 tháng trước", None, "2024-08-02T12:00:00+07:00", True),
    ("hôm qua", None, "2024-10-01", True),
    ("hôm nay", None, "2024-10-02", True),
    ("Hôm qua lúc 08:30", None, "2024-10-01T08:30:00+07:00", True),
    # year first; word month names; two-digit years via the dateparser fallback
    ("2023/04/30 10:20", None, "2023-04-30T10:20:00+07:00", False),
    ("Thứ Hai ngày 5 tháng Giêng năm 2024", None, "2024-01-05", False),
    ("22/12/23 18:17", None, "2023-12-22T18:17:00+07:00", False),
    # impossible or not a date: None, never a guess
    ("31/02/2023", None, None, False),
    ("15/13/2023", None, None, False),
    ("30/04/2023 25:20", None, None, False),
    ("30/04/2023 10:75", None, None, False),
    ("30/04/2023 13:20 CH", None, None, False),
    ("2023-02-30", None, None, False),
    ("Tin, ảnh: HỮU TÂM", None, None, False),
    ("Lượt xem: 264", None, None, False),
    ("tháng 9/2024", None, None, False),
    ("tháng 9 năm 2024", None, None, False),
    ("Ngày 5 tháng 13 năm 2024", None, None, False),
    ("Số 12/2023/QĐ-LĐLĐ", None, None, False),
    ("Lượt xem: 2023", None, None, False),
    ("", None, None, False),
    ("29/2", 2023, None, False),
]


@pytest.mark.parametrize("text,hint,iso,approx", CASES, ids=[c[0] or "empty" for c in CASES])
def test_parse_date(text, hint, iso, approx):
    got = parse_date(text, fetched_at=FETCHED, year_hint=hint)
    if iso is None:
        assert got is None
    else:
        assert got == DateResult(iso, approx)


def test_fetched_at_in_another_zone_is_read_as_vietnam_time():
    utc = datetime(2024, 10, 1, 20, 0, tzinfo=timezone.utc)  # 03:00 the next day in Vietnam
    assert parse_date("hôm nay", fetched_at=utc) == DateResult("2024-10-02", True)
    assert parse_date("2 giờ trước", fetched_at=utc) == DateResult("2024-10-02T01:00:00+07:00", True)


def test_nfd_input_is_read():
    import unicodedata

    text = unicodedata.normalize("NFD", "Thứ ba, 25 Tháng 1 2022 16:22")
    assert parse_date(text, fetched_at=FETCHED).iso == "2022-01-25T16:22:00+07:00"
