from kipp_app.entry import main

if __name__ == "__main__":  # not again in worker processes, which import the main module
    main()
