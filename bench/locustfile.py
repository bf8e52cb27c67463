"""One page under load: `make bench` runs locust headless with this file once per page.

BENCH_PATH is the page; BENCH_COOKIE ("name=value") signs the simulated users in. Each user requests the
page again as soon as the previous answer arrives (a closed loop), so requests/s is what the server
sustains at that concurrency.
"""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ.get("BENCH_PATH", "/")
COOKIE = os.environ.get("BENCH_COOKIE", "")


class PageUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self) -> None:
        headers = {"Cookie": COOKIE} if COOKIE else {}
        with self.client.get(PATH, headers=headers, name=PATH, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
