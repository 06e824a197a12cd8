from geodata.spatial.coordinates import cursor_position, display_to_wgs84, scale_text, to_gk114e, wgs84_to_display


def test_gk114e_on_the_central_meridian():
    easting, northing = to_gk114e(114.0, 22.5)
    assert abs(easting - 500000) < 0.01
    assert 2_480_000 < northing < 2_500_000


def test_cursor_text_names_both_systems():
    text = cursor_position(114.1, 22.55).text()
    assert "WGS 84" in text and "114.10000" in text and "GK 114°E" in text


def test_display_frame_round_trip():
    lon, lat = wgs84_to_display(114.3, 22.7, "gcj02")
    assert 0.003 < lon - 114.3 < 0.01
    back = display_to_wgs84(lon, lat, "gcj02")
    assert abs(back[0] - 114.3) < 1e-7 and abs(back[1] - 22.7) < 1e-7
    assert wgs84_to_display(114.3, 22.7, "wgs84") == (114.3, 22.7)


def test_scale_text():
    assert scale_text(10.0) == "1:38,000"  # 10 m/px at 96 dpi is 1:37 795
    assert scale_text(0) == ""
