// kiosk: the touchscreen in the lobby. Everything is in kiosk_lib and kiosk_ui.
#include "app.hpp"

int main(int argc, char** argv) {
    return loket::kiosk::kiosk_main(argc, argv);
}
