from tracker.front import main

main()
