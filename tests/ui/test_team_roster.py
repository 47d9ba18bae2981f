"""One roster of the work team: Settings' 队员 and the home page's 在村天数 list the same people."""
from app.services import worklog
from app.ui.home.home_page import HomePage
from app.ui.settings.settings_page import SettingsPage


def test_settings_and_attendance_list_the_same_team(qtbot, session):
    settings = SettingsPage(session)
    qtbot.addWidget(settings)
    settings.refresh()
    home = HomePage(session)
    qtbot.addWidget(home)
    home.refresh()
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)
    team = settings.team_names()
    # The demo team has more people than logins on this laptop: all of them are listed.
    assert len(team) > len(settings.user_names()) >= 1
    assert session.user_name in settings.user_names()
    assert {r["person"] for r in home.attendance} == set(team)
    assert set(team) >= worklog.latest_attendance_people(session.store)
