"""The one factory layer of the tests: the cooperatives, meetings, plants and programs they build.

Every test module and conftest imports its builders from here, never from another conftest or test
module. ``Context`` binds the session, the acting member and the clock once, so a test says what it
does (``ctx(motions.second_motion, motion=m, seconder="0004")``) and not who and when each time.
"""
